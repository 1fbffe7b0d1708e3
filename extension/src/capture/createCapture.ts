// Turns a strategy selection into the capture an interview uses. The panel's own mic always exists (it carries the
// panel's controls); a recorder or companion capture is made only when selected. No vscode import.
import { assertNever } from '../../../protocol/src/domain';
import type { CaptureStrategy, CaptureStrategyKind } from './captureStrategy';
import type { CaptureSelection } from './strategySelection';
import type { WebviewCapture } from './webviewCapture';

export type CaptureFactories = { [K in Exclude<CaptureStrategyKind, 'webview'>]?: () => CaptureStrategy };

/** The selected capture, else the first fallback that can be made here, else the panel's own mic. */
export function createCapture(selection: CaptureSelection, webviewMic: WebviewCapture, factories: CaptureFactories): CaptureStrategy {
  for (const kind of [selection.kind, ...selection.fallbacks]) {
    const made = make(kind, webviewMic, factories);
    if (made) return made;
  }
  return webviewMic;
}

function make(kind: CaptureStrategyKind, webviewMic: WebviewCapture, factories: CaptureFactories): CaptureStrategy | undefined {
  switch (kind) {
    case 'webview': return webviewMic;
    case 'recorder': return factories.recorder?.();
    case 'companion': return factories.companion?.();
    default: return assertNever(kind, 'capture strategy');
  }
}
