import { Alert, Input, Modal, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { setPinPrompt, type PinScope } from './pin-retry';

interface Asking {
  scope: PinScope;
  problem: string | null;
  resolve: (pin: string | null) => void;
}

/**
 * The PIN dialog the bridge opens when a signature or seal needs the key's PIN (pin-retry.ts).
 * Mounted once by the shell; returns the dialog to render.
 */
export function usePinPrompt(): ReactNode {
  const [asking, setAsking] = useState<Asking | null>(null);
  const [pin, setPin] = useState('');
  const pending = useRef<Asking | null>(null);
  useEffect(
    () =>
      setPinPrompt(
        (scope, problem) =>
          new Promise<string | null>((resolve) => {
            // A second request while one is open answers the first as cancelled.
            pending.current?.resolve(null);
            const next = { scope, problem, resolve };
            pending.current = next;
            setPin('');
            setAsking(next);
          }),
      ),
    [],
  );
  const finish = (value: string | null) => {
    asking?.resolve(value);
    pending.current = null;
    setAsking(null);
  };
  return (
    <Modal
      open={asking !== null}
      title={asking?.scope === 'each' ? '加盖电子印章' : '解锁数字证书'}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ disabled: pin === '' }}
      onOk={() => finish(pin)}
      onCancel={() => finish(null)}
      destroyOnHidden
    >
      <div data-testid="pin-dialog">
        <Typography.Paragraph type="secondary">
          {asking?.scope === 'each' ? '每次用印均须输入印章所有人的 PIN 码。' : '签名须使用您的数字证书。本次登录期间只需输入一次 PIN 码。'}
        </Typography.Paragraph>
        {asking?.problem ? <Alert type="error" showIcon message={asking.problem} style={{ marginBottom: 12 }} /> : null}
        <Input.Password autoFocus value={pin} onChange={(e) => setPin(e.target.value)} onPressEnter={() => pin && finish(pin)} placeholder="PIN 码" data-testid="pin-input" maxLength={32} />
      </div>
    </Modal>
  );
}
