/**
 * Constants of the y-websocket wire protocol (what the stock `y-websocket` provider speaks) and
 * the close codes this server uses. Codes 4400–4499 tell the stock client not to reconnect
 * (y-websocket 3 `defaultShouldReconnect`), so they are only used where retrying cannot help.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
} as const;

export const SyncMessageType = {
  step1: 0,
  step2: 1,
  update: 2,
} as const;

export const CloseCode = {
  /** Server shutting down: clients reconnect (to this node after restart, or another one). */
  goingAway: 1001,
  /** Frame larger than the configured maximum (sent by `ws` itself). */
  tooLarge: 1009,
  /** A frame that does not parse. The client is broken; reconnecting would repeat it. */
  malformed: 4400,
  /** No token, or a bad, forged or expired one. */
  unauthenticated: 4401,
  /** The user may not see this document (or no longer may). */
  forbidden: 4403,
  /** The document name in the URL is not a valid name. */
  badDocName: 4404,
  /** The multiplexed protocol version (`?v=`) is not the server's: the app must be updated. */
  unsupportedVersion: 4426,
  /** Server-side failure while loading or storing; transient, so outside 4400–4499. */
  internal: 4500,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Close reasons: English for logs and tools, Chinese for the people reading them. Max 123 bytes. */
export const CloseReason: Record<CloseCode, string> = {
  [CloseCode.goingAway]: 'server shutting down / 服务器正在关闭',
  [CloseCode.tooLarge]: 'message too large / 消息过大',
  [CloseCode.malformed]: 'malformed frame / 消息格式错误',
  [CloseCode.unauthenticated]: 'unauthenticated / 未登录或令牌无效',
  [CloseCode.forbidden]: 'forbidden / 无权访问该文档',
  [CloseCode.badDocName]: 'invalid document name / 文档名无效',
  [CloseCode.unsupportedVersion]: 'unsupported protocol version / 客户端版本与服务器不符,请升级',
  [CloseCode.internal]: 'server error, retry later / 服务器错误,请稍后重试',
};

/** Why a multiplexed `denied` frame refuses one document (the connection stays open). */
export const DenyCode = {
  forbidden: 4403,
  tooManyDocs: 4429,
  unavailable: 4500,
} as const;

/** Path of the multiplexed endpoint (many documents and the changes feed over one socket). */
export const MUX_PATH = '/_sync';
/**
 * Version of the multiplexed protocol, sent as `?v=` so the server can refuse what it cannot
 * speak. 2: workflow events travel as `submit`/`submitted`/`events` frames, outside the Y.Doc.
 */
export const MUX_VERSION = 2;
