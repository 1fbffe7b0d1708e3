import { strict as assert } from 'node:assert';
import { finish, joinedAfterIntro, speech, startVoiceRig, type VoiceRig } from './support';
import { sleep } from './voiceClient';

const BEFORE = 'i would use a hash map';
const AFTER = 'then we return both indices';
const CODE = 'function pairSumIndices(nums, target) {\n}\n';

describe('voice interview over the real WebSocket: typing during a pause', function () {
  this.timeout(60_000);
  let rig: VoiceRig;
  before(async () => {
    rig = await startVoiceRig();
    speech(BEFORE);
    speech(AFTER);
  });

  it('keeps the spoken turn open while the candidate types in silence, then stores one turn with both parts', async () => {
    const client = await joinedAfterIntro(rig);
    client.send({ type: 'code/open', documentVersion: 1, language: 'javascript', text: CODE });
    await client.say(speech(BEFORE));
    // A complete sentence and then silence: alone, the turn would end 1.2 s later. The candidate types instead.
    const typed = 'const seen = new Map();';
    let version = 1;
    const typingUntil = Date.now() + 3_000;
    for (let i = 0; Date.now() < typingUntil; i++) {
      client.send({
        type: 'code/change', fromVersion: version, toVersion: version + 1,
        edits: [{ rangeOffset: CODE.indexOf('\n}') + 1 + i, rangeLength: 0, text: typed[i % typed.length]! }],
      });
      version++;
      await sleep(150);
    }
    const candidateTurnsWhileTyping = client.all('turn/didComplete').filter((m) => m.turn.speaker === 'candidate').length;
    const said = await client.say(speech(AFTER));
    const turn = await client.next('turn/didComplete', (m) => m.turn.speaker === 'candidate', 20_000);
    assert.equal(candidateTurnsWhileTyping, 0, 'no turn was cut off during the typing pause');
    assert.ok(client.receivedAt.get(turn)! > said.speechEndedAt, 'the turn ended after the second part');
    assert.match(turn.turn.text, /\bhash\b|\bmap\b/);
    assert.match(turn.turn.text, /\breturn\b|\bindices\b/);
    assert.equal(client.all('code/resyncRequested').length, 0);
    await finish(client);
  });
});
