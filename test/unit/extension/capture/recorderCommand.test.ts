import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDshowAudioDevices } from '../../../../extension/src/capture/dshow';
import { findOnPath, parseOverride, recorderArgs, resolveRecorder, splitCommandLine } from '../../../../extension/src/capture/recorderCommand';

describe('recorder detection', () => {
  let root: string;
  const bin = (dir: string, name: string, executable = true) => {
    mkdirSync(join(root, dir), { recursive: true });
    const file = join(root, dir, name);
    writeFileSync(file, '#!/bin/sh\n');
    chmodSync(file, executable ? 0o755 : 0o644);
    return file;
  };
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'mocktalk-path-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds the first executable on PATH, skipping non-executable files and empty entries', () => {
    bin('a', 'arecord', false);
    const wanted = bin('b', 'arecord');
    bin('c', 'arecord');
    const env = { PATH: ['', join(root, 'a'), join(root, 'missing'), join(root, 'b'), join(root, 'c')].join(':') };
    assert.equal(findOnPath('arecord', 'linux', env), wanted);
    assert.equal(findOnPath('sox', 'linux', env), null);
  });

  it('on Windows tries PATHEXT extensions and reads `Path` case-insensitively', () => {
    const sox = bin('SoX', 'sox.EXE', false); // no execute bit on Windows: the extension decides
    const env = { Path: `"${join(root, 'nothing')}";${join(root, 'SoX')}`, PATHEXT: '.COM;.EXE;.BAT' };
    assert.equal(findOnPath('sox', 'win32', env), sox);
    bin('SoX', 'rec', true); // a bare name without an extension is not runnable on Windows
    assert.equal(findOnPath('rec', 'win32', env), null);
  });

  it('prefers rec, then sox, arecord, ffmpeg on Linux, with the raw 16 kHz s16le mono arguments', () => {
    bin('x', 'ffmpeg');
    const arecord = bin('y', 'arecord');
    const env = { PATH: `${join(root, 'x')}:${join(root, 'y')}` };
    const found = resolveRecorder({ platform: 'linux', env });
    assert.ok(found.ok);
    assert.equal(found.command.executable, arecord);
    assert.deepEqual(found.command.args, ['-q', '-f', 'S16_LE', '-r', '16000', '-c', '1', '-t', 'raw']);
    const rec = bin('z', 'rec');
    const withRec = resolveRecorder({ platform: 'linux', env: { PATH: `${env.PATH}:${join(root, 'z')}` } });
    assert.ok(withRec.ok);
    assert.equal(withRec.command.executable, rec);
    assert.deepEqual(withRec.command.args, ['-q', '-t', 'raw', '-r', '16000', '-e', 'signed', '-b', '16', '-c', '1', '-']);
  });

  it('gives ffmpeg the input of each OS', () => {
    const output = ['-ac', '1', '-ar', '16000', '-f', 's16le', '-'];
    const mac = recorderArgs('ffmpeg', 'darwin');
    assert.deepEqual(mac.slice(-output.length), output);
    assert.deepEqual(mac.slice(mac.indexOf('-f'), mac.indexOf('-f') + 4), ['-f', 'avfoundation', '-i', ':default']);
    assert.ok(recorderArgs('ffmpeg', 'win32').join(' ').includes('-f dshow -i audio='));
    assert.ok(recorderArgs('ffmpeg', 'linux', { PULSE_SERVER: 'unix:/x' }).join(' ').includes('-f pulse -i default'));
    assert.ok(recorderArgs('ffmpeg', 'linux', {}).join(' ').includes('-f alsa -i default'));
    bin('w', 'ffmpeg.exe');
    const win = resolveRecorder({ platform: 'win32', env: { PATH: join(root, 'w') } });
    assert.ok(win.ok && win.command.needsDshowDevice);
  });

  it('the override setting wins over PATH, as an argv array or a quoted string', () => {
    bin('p', 'rec');
    const tool = bin('my tools', 'capture');
    const env = { PATH: `${join(root, 'p')}:${join(root, 'my tools')}` };
    const fromArray = resolveRecorder({ platform: 'linux', env, override: ['capture', '--rate', '16000'] });
    assert.ok(fromArray.ok);
    assert.deepEqual([fromArray.command.program, fromArray.command.executable, fromArray.command.args], ['custom', tool, ['--rate', '16000']]);
    const fromString = resolveRecorder({ platform: 'linux', env, override: `"${tool}" -d 'hw:1,0' --name "a \\"b\\""` });
    assert.ok(fromString.ok);
    assert.deepEqual(fromString.command.args, ['-d', 'hw:1,0', '--name', 'a "b"']);
    // Empty means "not set".
    for (const unset of ['', '  ', [], undefined, null]) {
      const r = resolveRecorder({ platform: 'linux', env, override: unset });
      assert.ok(r.ok && r.command.program === 'rec', JSON.stringify(unset));
    }
  });

  it('rejects a malformed override or one whose program is missing with a clear error', () => {
    const env = { PATH: root };
    assert.deepEqual(parseOverride(42), { ok: false, message: 'mocktalk.voice.recorderCommand must be a command line string or an array of strings' });
    assert.equal(splitCommandLine('rec "unterminated'), null);
    const bad = resolveRecorder({ platform: 'linux', env, override: 'rec "oops' });
    assert.ok(!bad.ok && /unterminated quote/.test(bad.error.message));
    const missing = resolveRecorder({ platform: 'linux', env, override: ['nope-recorder'] });
    assert.ok(!missing.ok && /nope-recorder.*not found on PATH/.test(missing.error.message));
  });

  it('with nothing found, says what to install for each OS', () => {
    const cases = [['darwin', /brew install sox/], ['linux', /sudo apt install sox/], ['win32', /winget install .*choco install sox/]] as const;
    for (const [platform, guidance] of cases) {
      const none = resolveRecorder({ platform, env: { PATH: '' } });
      assert.ok(!none.ok);
      assert.equal(none.error.kind, 'unsupported');
      assert.match(none.error.message, /^No microphone recorder found/);
      assert.match(none.error.message, guidance);
      assert.ok(none.error.message.length <= 500);
    }
  });

  it('reads DirectShow audio devices from both of ffmpeg\'s listing formats', () => {
    const modern = '[dshow @ 0000020] "Integrated Camera" (video)\n[dshow @ 0000020]   Alternative name "@device_pnp_x"\n'
      + '[dshow @ 0000020] "Microphone Array (Realtek(R) Audio)" (audio)\n[dshow @ 0000020]   Alternative name "@device_cm_{33D9}"\ndummy: Immediate exit requested';
    assert.deepEqual(parseDshowAudioDevices(modern), ['Microphone Array (Realtek(R) Audio)']);
    const older = '[dshow @ 03] DirectShow video devices\n[dshow @ 03]  "Webcam"\n[dshow @ 03] DirectShow audio devices\n'
      + '[dshow @ 03]  "Microphone (USB Audio)"\n[dshow @ 03]     Alternative name "@device_cm_{1}"';
    assert.deepEqual(parseDshowAudioDevices(older), ['Microphone (USB Audio)']);
  });
});
