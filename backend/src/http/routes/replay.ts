// The session replay and the interviewer's recorded audio per turn. Another user's session is a 404.
import type { Context } from 'koa';
import { buildReplay } from '../../replay/replayView';
import { WAV_CONTENT_TYPE } from '../../replay/turnAudioArchive';
import { RangeNotSatisfiableError, type ByteRange } from '../../storage/objectStore';
import { currentUser } from '../auth';
import { AppError, notFound } from '../errors';
import { ROUTES } from '../openapi/routeSpecs';
import type { RouteKit } from './mount';

export function replayRoutes({ route, deps }: RouteKit): void {
  route(ROUTES.getSessionReplay, async (ctx, { params, em }) => {
    const session = await deps.sessions.getOwned(em, currentUser(ctx), params.id);
    ctx.body = await buildReplay(em, session, deps.turnAudio);
  });

  route(ROUTES.getTurnAudio, async (ctx, { params, em }) => {
    const session = await deps.sessions.getOwned(em, currentUser(ctx), params.id);
    const found = await openAudio(ctx, () => deps.turnAudio.open(em, session.id, params.turnId, byteRange(ctx.get('range'))));
    if (!found) throw notFound('Audio of that turn');
    const { object } = found;
    ctx.set('Accept-Ranges', 'bytes');
    ctx.set('Cache-Control', 'private, max-age=3600');
    ctx.type = WAV_CONTENT_TYPE;
    if (object.range) {
      ctx.status = 206;
      ctx.set('Content-Range', `bytes ${object.range.start}-${object.range.end}/${object.size}`);
      ctx.length = object.range.end - object.range.start + 1;
    } else {
      ctx.status = 200;
      ctx.length = object.size;
    }
    ctx.body = object.body;
  });
}

async function openAudio<T>(ctx: Context, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (err) {
    if (!(err instanceof RangeNotSatisfiableError)) throw err;
    ctx.set('Content-Range', `bytes */${err.size}`);
    throw new AppError(416, 'validation_failed', `Range not satisfiable: the audio has ${err.size} bytes`);
  }
}

/** One `bytes=start-[end]` range; anything else (suffix or multiple ranges) is ignored, as HTTP allows. */
export function byteRange(header: string): ByteRange | undefined {
  const match = /^bytes=(\d+)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = match[2] ? Number(match[2]) : undefined;
  if (end !== undefined && end < start) return undefined;
  return end === undefined ? { start } : { start, end };
}
