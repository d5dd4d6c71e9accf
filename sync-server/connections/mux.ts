import type { WebSocket } from 'ws';
import type { User } from '../../core/sync/accounts';
import { AckStatus, decodeClientFrame, encodeServerFrame, type ClientFrame, type ServerFrame } from '../../core/sync/mux';
import { CloseCode, DenyCode } from '../../core/sync/protocol';
import type { ServerContext } from '../context';
import { submitEvents } from '../events/submit';
import { refuseWrite } from '../write-rules';
import { Connection } from './connection';
import { DocSession } from './doc-session';

/**
 * A multiplexed connection (`/_sync`): many documents, acknowledged pushes, submitted workflow
 * events, state-vector requests and the changes feed over one socket. Used by the app's sync engine.
 */
export class MuxConnection extends Connection {
  private readonly sessions = new Map<string, DocSession>();

  constructor(ws: WebSocket, user: User, ctx: ServerContext, tokenExp: number, sessionId: string | null) {
    super(ws, user, ctx, tokenExp, sessionId);
  }

  protected onFrame(bytes: Uint8Array): void {
    const frame = decodeClientFrame(bytes);
    switch (frame.type) {
      case 'doc':
        this.onDoc(frame.name, frame.message);
        break;
      case 'unsub':
        this.sessions.get(frame.name)?.close();
        this.sessions.delete(frame.name);
        break;
      case 'push':
        void this.onPush(frame);
        break;
      case 'sv':
        void this.onSv(frame);
        break;
      case 'feed':
        void this.onFeed(frame);
        break;
      case 'submit':
        void this.onSubmit(frame);
        break;
    }
  }

  private reply(frame: ServerFrame): void {
    this.send(encodeServerFrame(frame));
  }

  sendDoc(name: string, message: Uint8Array, muxFrame?: () => Uint8Array): void {
    this.send(muxFrame ? muxFrame() : encodeServerFrame({ type: 'doc', name, message }));
  }

  private onDoc(name: string, message: Uint8Array): void {
    let session = this.sessions.get(name);
    if (!session) {
      if (this.sessions.size >= this.ctx.limits.maxDocsPerConnection) {
        this.ctx.metrics.reject('too-many-docs');
        this.reply({ type: 'denied', name, code: DenyCode.tooManyDocs, reason: 'too many open documents / 同时打开的文档过多' });
        return;
      }
      const role = this.ctx.access.roleFor(this.user, name);
      if (!role) {
        this.ctx.metrics.reject('forbidden');
        this.reply({ type: 'denied', name, code: DenyCode.forbidden, reason: 'forbidden / 无权访问该文档' });
        return;
      }
      session = new DocSession(this.ctx, this, name, role);
      this.sessions.set(name, session);
      void session.start();
    }
    session.receive(message);
  }

  private async onPush(frame: Extract<ClientFrame, { type: 'push' }>): Promise<void> {
    const ack = (status: AckStatus, seq: number, reason = '') => this.reply({ type: 'ack', id: frame.id, status, seq, reason });
    const role = this.ctx.access.roleFor(this.user, frame.name);
    if (role !== 'editor') {
      this.ctx.metrics.reject(role ? 'read-only' : 'forbidden');
      ack(AckStatus.denied, 0, role ? 'read-only / 只读' : 'forbidden / 无权访问');
      return;
    }
    let room;
    try {
      room = await this.ctx.rooms.open(frame.name);
    } catch (err) {
      this.ctx.log.error({ doc: frame.name, err: String(err) }, 'load failed');
      ack(AckStatus.unavailable, 0, 'unavailable / 暂不可用');
      return;
    }
    if (this.closed) return;
    const checked = room.check(frame.update);
    if (checked.kind === 'invalid') {
      this.ctx.metrics.reject('invalid-update');
      ack(AckStatus.invalid, 0, 'update does not decode / 更新无法解析');
      return;
    }
    // Already stored: acknowledged at the current sequence, nothing to write.
    if (checked.kind === 'noop') {
      ack(AckStatus.ok, room.seq);
      return;
    }
    const refusal = refuseWrite(this.ctx, room, checked, this.user);
    // Nothing of a refused update is stored. A gap, or a deletion of ids the server has not seen, is
    // also what an honest engine sends after one of its updates was refused: "unavailable" makes it
    // send its diff again from the server's state vector, which heals that case and gains an
    // attacker nothing.
    if (refusal) return ack(refusal.kind === 'not_created' ? AckStatus.denied : AckStatus.unavailable, 0, refusal.reason);
    this.ctx.pipeline.submit({
      type: 'update',
      room,
      update: frame.update,
      checked,
      member: this.sessions.get(frame.name) ?? null,
      origin: this.sessionId,
      done: (result) => (result.ok ? ack(AckStatus.ok, result.seq) : ack(AckStatus.unavailable, 0, 'commit failed / 保存失败')),
    });
  }

  private async onSubmit(frame: Extract<ClientFrame, { type: 'submit' }>): Promise<void> {
    const results = await submitEvents(this.ctx, this.user, frame.name, frame.events);
    this.reply({ type: 'submitted', id: frame.id, results });
  }

  sendEvents(frame: Uint8Array): void {
    this.send(frame);
  }

  private async onSv(frame: Extract<ClientFrame, { type: 'sv' }>): Promise<void> {
    if (!this.ctx.access.roleFor(this.user, frame.name)) {
      this.ctx.metrics.reject('forbidden');
      this.reply({ type: 'sv', id: frame.id, status: AckStatus.denied, sv: new Uint8Array(0) });
      return;
    }
    try {
      const room = await this.ctx.rooms.open(frame.name);
      this.reply({ type: 'sv', id: frame.id, status: AckStatus.ok, sv: room.stateVector() });
    } catch (err) {
      this.ctx.log.error({ doc: frame.name, err: String(err) }, 'load failed');
      this.reply({ type: 'sv', id: frame.id, status: AckStatus.unavailable, sv: new Uint8Array(0) });
    }
  }

  private async onFeed(frame: Extract<ClientFrame, { type: 'feed' }>): Promise<void> {
    try {
      const page = await this.ctx.feed.page(this.user, this.sessionId, frame.since, frame.limit, frame.full);
      this.reply({ type: 'feed', id: frame.id, page });
    } catch (err) {
      this.ctx.log.error({ err: String(err) }, 'feed failed');
      this.close(CloseCode.internal);
    }
  }

  /** One document failed to load or store: refuse it, keep the rest of the connection. */
  override unavailable(name: string, err: unknown): void {
    this.ctx.log.error({ doc: name, err: String(err) }, 'document unavailable');
    this.sessions.get(name)?.close();
    this.sessions.delete(name);
    this.reply({ type: 'denied', name, code: DenyCode.unavailable, reason: 'unavailable, retry later / 暂不可用,请稍后重试' });
  }

  head(seq: number): void {
    this.reply({ type: 'head', seq });
  }

  keepalive(): void {
    void this.ctx.feed.head().then((seq) => this.head(seq));
  }

  recheckAccess(): void {
    const user = this.ctx.access.currentUser(this.user.login);
    if (!user) {
      this.close(CloseCode.unauthenticated, 'account disabled / 账号已停用');
      return;
    }
    this.user = user;
    for (const name of [...this.sessions.keys()]) this.recheckDoc(name);
  }

  /** One document's access, decided again (after an access change, or when its owners changed). */
  recheckDoc(name: string): void {
    const session = this.sessions.get(name);
    if (!session) return;
    const role = this.ctx.access.roleFor(this.user, name);
    if (role) {
      session.role = role;
      return;
    }
    session.close();
    this.sessions.delete(name);
    this.reply({ type: 'denied', name, code: DenyCode.forbidden, reason: 'access revoked / 访问权限已撤销' });
  }

  protected release(): void {
    for (const session of this.sessions.values()) session.close();
    this.sessions.clear();
  }
}
