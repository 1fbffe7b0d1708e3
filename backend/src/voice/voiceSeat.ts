// Who carries a live session's audio: one voice per session. The session's own connection offers a voice on its
// binary frames ('client'); a browser companion page takes the seat over ('companion') and gives it back when it
// leaves. The session's connection hears each change as voice/didChangeSource.
import type { ServerMessage, VoiceSource } from '../../../protocol/src/session';
import type { SessionVoice } from './contract';

type Sink = (message: ServerMessage) => void;

export class VoiceSeat {
  private current: { voice: SessionVoice; source: VoiceSource } | null = null;
  /** The session connection's offer, kept while a companion holds the seat so the audio can come back to it. */
  private clientOffer: (() => SessionVoice) | null = null;
  private companionSink: Sink | null = null;
  /** Ends the seated companion page's connection when another page takes the seat. */
  private evictCompanion: (() => void) | null = null;

  /** `notify` reaches the session's own connection (LiveSession's sink). */
  constructor(private readonly notify: Sink) {}

  get voice(): SessionVoice | null { return this.current?.voice ?? null; }
  get source(): VoiceSource | null { return this.current?.source ?? null; }

  /** The session's connection offers its binary frames; used at once unless a companion page holds the seat. */
  offerClient(create: () => SessionVoice): VoiceSource {
    this.clientOffer = create;
    if (this.current?.source === 'companion') return 'companion';
    this.seat({ voice: create(), source: 'client' });
    return 'client';
  }

  /** The session's connection leaves: its voice (if seated) stops. */
  withdrawClient(create: () => SessionVoice): void {
    if (this.clientOffer !== create) return;
    this.clientOffer = null;
    if (this.current?.source === 'client') this.seat(null);
  }

  /** A companion page joined: it carries the audio from now on, replacing whatever did (another page is evicted). */
  attachCompanion(voice: SessionVoice, sink: Sink, evict: () => void): void {
    const evictPrevious = this.current?.source === 'companion' ? this.evictCompanion : null;
    this.seat({ voice, source: 'companion' });
    this.companionSink = sink;
    this.evictCompanion = evict;
    evictPrevious?.();
    this.notify({ type: 'voice/didChangeSource', source: 'companion', connected: true });
  }

  /** The companion page left (or lost its connection): the audio goes back to the session's connection, if any. */
  detachCompanion(voice: SessionVoice): void {
    if (this.current?.voice !== voice) return;
    this.companionSink = null;
    this.evictCompanion = null;
    const offer = this.clientOffer;
    this.seat(offer ? { voice: offer(), source: 'client' } : null);
    this.notify({ type: 'voice/didChangeSource', source: 'companion', connected: false });
  }

  /** Tells the companion page (if one is attached) about the session, e.g. that it ended. */
  toCompanion(message: ServerMessage): void { this.companionSink?.(message); }

  private seat(next: { voice: SessionVoice; source: VoiceSource } | null): void {
    const previous = this.current;
    this.current = next;
    if (previous && previous.voice !== next?.voice) previous.voice.close();
  }
}
