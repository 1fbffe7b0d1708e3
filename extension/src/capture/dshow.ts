// ffmpeg on Windows records through DirectShow, which has no "default" device: the first audio device that
// `ffmpeg -list_devices true -f dshow -i dummy` prints is used (its stderr lists them; the command itself fails).
import { execFile } from 'node:child_process';

/** Audio device names from ffmpeg's listing; handles both the `"name" (audio)` and the sectioned older format. */
export function parseDshowAudioDevices(listing: string): string[] {
  const devices: string[] = [];
  let section: 'audio' | 'video' | null = null;
  for (const line of listing.split(/\r?\n/)) {
    if (/DirectShow audio devices/i.test(line)) { section = 'audio'; continue; }
    if (/DirectShow video devices/i.test(line)) { section = 'video'; continue; }
    if (/Alternative name/i.test(line)) continue;
    const named = /"([^"]+)"\s*\((audio|video|audio, video|none)\)/.exec(line);
    if (named) {
      if (named[2]!.includes('audio')) devices.push(named[1]!);
      continue;
    }
    const quoted = /\]\s+"([^"]+)"\s*$/.exec(line);
    if (quoted && section === 'audio') devices.push(quoted[1]!);
  }
  return devices;
}

export function findDshowDevice(ffmpeg: string, timeoutMs = 5_000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(ffmpeg, ['-hide_banner', '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy'], { timeout: timeoutMs, windowsHide: true },
      (_error, stdout, stderr) => resolve(parseDshowAudioDevices(`${stderr}\n${stdout}`)[0] ?? null));
  });
}
