// The interviewer's audio per turn: WAV bytes in the object store, one TurnAudio row each. The row is
// written after the bytes, so a row always points at an object; deleting a session deletes its objects.
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { TurnAudio } from '../db/entities';
import { encodeWav, msForSamples, SAMPLE_RATE } from '../pipeline/audio';
import type { ByteRange, ObjectStore, StoredObject } from '../storage/objectStore';
import type { RecordedTurnAudio, TurnAudioSink } from '../voice/turnRecorder';

export const WAV_CONTENT_TYPE = 'audio/wav';

export const turnAudioKey = (sessionId: string, turnId: string) => `sessions/${sessionId}/turns/${turnId}.wav`;

export class TurnAudioArchive implements TurnAudioSink {
  constructor(private readonly objects: ObjectStore, private readonly orm: MikroORM) {}

  async save(audio: RecordedTurnAudio): Promise<void> {
    if (audio.pcm.length === 0) return;
    const key = turnAudioKey(audio.sessionId, audio.turnId);
    const wav = encodeWav(audio.pcm, SAMPLE_RATE);
    await this.objects.put(key, wav, WAV_CONTENT_TYPE);
    const em = this.orm.em.fork();
    try {
      em.create(TurnAudio, {
        turnId: audio.turnId, session: audio.sessionId, objectKey: key, sampleRate: SAMPLE_RATE,
        durationMs: Math.round(msForSamples(audio.pcm.length)), bytes: wav.length,
        startOffsetMs: Math.max(0, Math.round(audio.firstSentAt - audio.sessionStartedAt)),
      });
      await em.flush();
    } catch (err) {
      await this.objects.delete(key); // the session was deleted meanwhile: leave no orphan behind
      throw err;
    }
  }

  list(em: EntityManager, sessionId: string): Promise<TurnAudio[]> {
    return em.find(TurnAudio, { session: sessionId });
  }

  /** A turn's WAV (or a byte range of it), or null when that turn of that session has none. */
  async open(em: EntityManager, sessionId: string, turnId: string, range?: ByteRange): Promise<{ audio: TurnAudio; object: StoredObject } | null> {
    const audio = await em.findOne(TurnAudio, { turnId, session: sessionId });
    if (!audio) return null;
    const object = await this.objects.get(audio.objectKey, range);
    return object ? { audio, object } : null;
  }

  /** Deletes every object of a session; its rows go with the session (cascade). */
  async removeSession(em: EntityManager, sessionId: string): Promise<void> {
    for (const audio of await this.list(em, sessionId)) await this.objects.delete(audio.objectKey);
  }
}
