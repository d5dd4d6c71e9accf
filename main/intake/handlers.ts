import type { z } from 'zod';
import type { IntakeExtract, IntakeExtractInput } from '../../core/ipc/intake';
import type { BlobRef } from '../../core/kernel/event';
import type { Handlers } from '../../core/ipc/dispatch';
import { AppError } from '../../core/result';
import { readWholeBlob } from '../archive/blob-source';
import type { AreaContext } from '../kernel/module';
import { extractIntake } from './extract';

/** What intake needs of the blob store (main/blobs): finishing an upload and reading a blob whole. */
export interface IntakeBlobs {
  /** Finishes an upload of this session; its bytes are then a verified blob. */
  finish(uploadId: string): Promise<BlobRef>;
  /** A verified blob's bytes; null when this machine does not have it. */
  read(sm3: string): Promise<Uint8Array | null>;
}

/** Text is read from files up to this size; a larger file is still kept as the 原件. */
export const MAX_INTAKE_BYTES = 64 * 1024 * 1024;

/**
 * `intake.extract`: the text and the 9704 header and 版记 of a dropped file, and the file's own
 * BlobRef for the 登记 event to keep as the 原件. `{uploadId}` finishes an upload first (the drop
 * zone uploads with blobs.begin/put and leaves finishing to this call); `{sm3, name, mime}` reads
 * a blob already here.
 */
export async function extractFromBlob(blobs: IntakeBlobs, input: z.output<typeof IntakeExtractInput>): Promise<IntakeExtract> {
  const original: BlobRef = 'uploadId' in input ? await blobs.finish(input.uploadId) : { sm3: input.sm3, name: input.name, size: -1, mime: input.mime };
  if (original.size > MAX_INTAKE_BYTES) throw new AppError('BAD_INPUT', `文件超过 ${MAX_INTAKE_BYTES / 1024 / 1024} MB,无法识别其文字;仍可作为原件保存,请手工登记`);
  const bytes = await blobs.read(original.sm3);
  if (!bytes) throw new AppError('NOT_FOUND', '本机没有该文件,请等待同步完成后再识别');
  if (bytes.length > MAX_INTAKE_BYTES) throw new AppError('BAD_INPUT', `文件超过 ${MAX_INTAKE_BYTES / 1024 / 1024} MB,无法识别其文字;仍可作为原件保存,请手工登记`);
  const result = await extractIntake(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { ...result, original: { ...original, size: bytes.length } };
}

/** The contract's `intake.*` over the app's blob store (listed by 收文's module). */
export function intakeHandlers(ctx: Pick<AreaContext, 'blobs'>): Handlers['intake'] {
  const blobs = (): NonNullable<AreaContext['blobs']> => {
    if (!ctx.blobs) throw new AppError('NOT_FOUND', '本机未启用附件存储,无法识别来文');
    return ctx.blobs;
  };
  return {
    extract: (input) =>
      extractFromBlob(
        { finish: (uploadId) => blobs().uploads.finish({ uploadId }), read: (sm3) => readWholeBlob(blobs().store, sm3) },
        input,
      ),
  };
}
