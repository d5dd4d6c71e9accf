import { Alert, Button } from 'antd';
import type { AppErrorShape } from '../../../core/result';
import { errorTitle } from './labels';

/** Shows an API error to the user: a title for its kind and the message from the service. */
export function ErrorAlert({ error, onRetry }: { error: AppErrorShape | null; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={errorTitle(error.code)}
      description={error.message}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
