import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import type { User } from '../../core/sync/accounts';
import type { DocRole } from '../../core/sync/acl';
import { CloseCode, MessageType } from '../../core/sync/protocol';
import type { ServerContext } from '../context';
import { Connection } from './connection';
import { DocSession } from './doc-session';

/** An empty awareness update: clients apply it as "nothing changed", and it resets their 30 s watchdog. */
const KEEPALIVE = encoding.encode((e) => {
  encoding.writeVarUint(e, MessageType.awareness);
  encoding.writeVarUint8Array(e, encoding.encode((inner) => encoding.writeVarUint(inner, 0)));
});

/** A stock y-websocket connection: `ws://host/<docName>?token=…`, one document per socket. */
export class StockConnection extends Connection {
  private readonly session: DocSession;

  constructor(ws: WebSocket, user: User, ctx: ServerContext, tokenExp: number, readonly docName: string, role: DocRole) {
    super(ws, user, ctx, tokenExp, null);
    this.session = new DocSession(ctx, this, docName, role);
    void this.session.start();
  }

  protected onFrame(bytes: Uint8Array): void {
    this.session.receive(bytes);
  }

  sendDoc(_name: string, message: Uint8Array): void {
    this.send(message);
  }

  keepalive(): void {
    this.send(KEEPALIVE);
  }

  /** The stock protocol has no workflow events: a stock client reads and edits fields and body only. */
  sendEvents(): void {}

  recheckDoc(): void {
    this.recheckAccess();
  }

  recheckAccess(): void {
    const user = this.ctx.access.currentUser(this.user.login);
    if (!user) {
      this.close(CloseCode.unauthenticated, 'account disabled / 账号已停用');
      return;
    }
    this.user = user;
    const role = this.ctx.access.roleFor(user, this.docName);
    if (!role) {
      this.ctx.log.info({ user: user.login, doc: this.docName }, 'access revoked; closing');
      this.close(CloseCode.forbidden, 'access revoked / 访问权限已撤销');
    } else this.session.role = role;
  }

  protected release(): void {
    this.session.close();
  }
}
