/// <reference lib="dom" />
import assert from 'node:assert/strict';
import { conversation, evaluation, sessionInfo, snapshot, turn, STARTED_AT } from './fixtures';
import { openView, startHarness, type Harness, type ViewPage } from './harness';

describe('webview: interview view', function () {
  this.timeout(60_000);
  let harness: Harness;
  let view: ViewPage | undefined;

  before(async () => { harness = await startHarness(); });
  after(async () => { await harness?.close(); });
  afterEach(async () => {
    await view?.close();
    view = undefined;
  });

  const texts = (selector: string) => view!.page.locator(selector).allTextContents();

  it('renders interviewer deltas incrementally, then replaces the stream with the completed turn', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot());
    await view.send({ type: 'turn/didStart', turnId: 'turn-1', speaker: 'interviewer', stage: 'intro' });
    await view.send({ type: 'turn/delta', turnId: 'turn-1', text: 'Hello, ' });
    assert.deepEqual(await texts('.turn--streaming .turn__text'), ['Hello, ']);
    await view.send({ type: 'turn/delta', turnId: 'turn-1', text: 'welcome!' });
    assert.deepEqual(await texts('.turn--streaming .turn__text'), ['Hello, welcome!']);
    assert.equal(await view.page.locator('.turn--streaming').getAttribute('aria-busy'), 'true');

    await view.send({ type: 'turn/didComplete', turn: turn(1, 'interviewer', 'Hello, welcome to the interview.'), replayed: false });
    assert.equal(await view.page.locator('.turn--streaming').count(), 0);
    assert.deepEqual(await texts('.turn .turn__text'), ['Hello, welcome to the interview.']);
    assert.equal(await view.page.locator('.transcript').getAttribute('aria-live'), 'polite');
  });

  it('does not duplicate turns that are replayed after a reconnect', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot(conversation.slice(0, 3)));
    for (const t of conversation) await view.send({ type: 'turn/didComplete', turn: t, replayed: true });
    await view.send({ type: 'turn/didComplete', turn: conversation[1], replayed: false });

    const seqs = await view.page.locator('.turn').evaluateAll((els) => els.map((el) => el.getAttribute('data-seq')));
    assert.deepEqual(seqs, ['1', '2', '3', '4']);
  });

  it('keeps turns in seq order when an older turn arrives late', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot([conversation[0], conversation[2]]));
    await view.send({ type: 'turn/didComplete', turn: conversation[1], replayed: true });
    const seqs = await view.page.locator('.turn').evaluateAll((els) => els.map((el) => el.getAttribute('data-seq')));
    assert.deepEqual(seqs, ['1', '2', '3']);
  });

  it('moves the stage indicator and runs the timer until the session ends', async () => {
    const t0 = Date.parse(STARTED_AT);
    view = await openView(harness, 'interview', { beforeLoad: (page) => page.clock.install({ time: t0 - 60_000 }) });
    await view.page.clock.pauseAt(t0 + 5_000);
    await view.send(snapshot([], 'connected', sessionInfo({ stage: 'clarify' })));

    const current = () => view!.page.locator('.stages__step[aria-current="step"]').getAttribute('data-stage');
    const timer = () => view!.page.locator('.timer__value').textContent();
    assert.equal(await current(), 'clarify');
    assert.equal(await view.page.locator('.stages__step--done').count(), 1);
    assert.equal(await timer(), '00:05');

    await view.page.clock.runFor(65_000);
    assert.equal(await timer(), '01:10');

    await view.send({ type: 'session/didChangeState', state: 'active', stage: 'code' });
    assert.equal(await current(), 'code');
    assert.equal(await view.page.locator('.stages__step--done').count(), 3);

    await view.send({ type: 'session/didEnd', requestId: null, evaluation });
    const frozen = await timer();
    await view.page.clock.runFor(30_000);
    assert.equal(await timer(), frozen);
    assert.equal(await view.page.locator('.stages__step[aria-current]').count(), 0);
  });

  it('sends the trimmed answer on Ctrl+Enter and clears the box', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot(conversation.slice(0, 1)));
    const input = view.page.locator('vscode-textarea textarea');
    await input.click();
    await view.page.keyboard.type('   I would use a hash map.  ');
    await view.page.keyboard.press('Control+Enter');

    const posted = await view.posted();
    assert.deepEqual(posted.at(-1), { type: 'answer/submit', text: 'I would use a hash map.' });
    assert.equal(await input.inputValue(), '');
    assert.equal(await view.page.locator('vscode-button.answer-box__send').evaluate((b: HTMLElement & { disabled: boolean }) => b.disabled), true);
  });

  it('disables sending while offline and re-enables it once connected', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot([], 'connected'));
    await view.page.locator('vscode-textarea textarea').fill('Use two pointers');
    const send = view.page.locator('vscode-button.answer-box__send');
    const sendDisabled = () => send.evaluate((b: HTMLElement & { disabled: boolean }) => b.disabled);
    assert.equal(await sendDisabled(), false);

    await view.send({ type: 'connection/didChange', status: 'offline', detail: 'retrying in 4 s (attempt 3)' });
    assert.equal(await sendDisabled(), true);
    assert.match(await view.page.locator('.connection-banner').innerText(), /Offline[\s\S]*retrying in 4 s/);
    await view.page.locator('vscode-textarea textarea').press('Control+Enter');
    assert.equal((await view.posted()).filter((m) => m.type === 'answer/submit').length, 0);

    await view.send({ type: 'connection/didChange', status: 'connected', detail: null });
    assert.equal(await sendDisabled(), false);
    assert.equal(await view.page.locator('.connection-banner').isVisible(), false);
    await send.click();
    assert.deepEqual((await view.posted()).at(-1), { type: 'answer/submit', text: 'Use two pointers' });
  });

  it('shows the band and four dimension scores inline when the session ends', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot(conversation));
    assert.equal(await view.page.locator('.interview__evaluation').isVisible(), false);
    await view.send({ type: 'session/didEnd', requestId: null, evaluation });

    assert.equal(await view.page.locator('.score-card__band').textContent(), 'Hire');
    assert.equal(await view.page.locator('.score-card__overall-value').textContent(), '3.3');
    const values = await view.page.locator('.dimension__bar').evaluateAll((els) => els.map((el) => el.getAttribute('aria-valuenow')));
    assert.deepEqual(values, ['4', '3', '4', '2']);
    assert.equal(await view.page.locator('vscode-textarea').evaluate((t: HTMLElement & { disabled: boolean }) => t.disabled), true);

    await view.page.locator('.evidence__link[data-kind="turn"]').first().click();
    assert.equal(await view.page.locator('.turn--highlighted').getAttribute('data-seq'), '4');
  });

  it('posts session/end once when End interview is clicked', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot(conversation));
    const end = view.page.locator('vscode-button.header__end');
    await end.click();
    await end.click({ force: true });
    await view.send({ type: 'turn/didStart', turnId: 'turn-5', speaker: 'interviewer', stage: 'wrap-up' });
    assert.deepEqual((await view.posted()).filter((m) => m.type === 'session/end'), [{ type: 'session/end' }]);
    assert.equal(await end.evaluate((b: HTMLElement & { disabled: boolean }) => b.disabled), true);
  });

  it('restores the saved transcript and draft before any host message arrives', async () => {
    const saved = { view: 'interview', session: sessionInfo(), turns: conversation.slice(0, 2), draft: 'half-typed thought', evaluation: null };
    view = await openView(harness, 'interview', { state: saved });

    assert.deepEqual((await view.posted()).map((m) => m.type), ['ready']);
    assert.deepEqual(await texts('.turn .turn__text'), [conversation[0].text, conversation[1].text]);
    assert.equal(await view.page.locator('vscode-textarea textarea').inputValue(), 'half-typed thought');
    assert.equal(await view.page.locator('.header__title').textContent(), 'Two Sum');
  });

  it('saves completed turns and the draft as view state', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot(conversation.slice(0, 1)));
    await view.page.locator('vscode-textarea textarea').fill('draft in progress');
    const state = await view.state() as { turns: { seq: number }[]; draft: string };
    assert.deepEqual(state.turns.map((t) => t.seq), [1]);
    assert.equal(state.draft, 'draft in progress');
  });

  it('shows server errors in plain words', async () => {
    view = await openView(harness, 'interview');
    await view.send(snapshot());
    await view.send({ type: 'error', code: 'answer_too_large', message: 'answer exceeds 4000 chars', requestId: null, fatal: false });
    const toast = view.page.locator('.error-toast[role="alert"]');
    assert.match(await toast.innerText(), /That answer is too long[\s\S]*answer exceeds 4000 chars/);
    await toast.locator('vscode-button').click();
    assert.equal(await toast.count(), 0);
  });
});
