import { Result } from 'antd';
import { Component, type ReactNode } from 'react';

interface Props {
  /** When it changes (e.g. the user navigates away), the boundary tries again. */
  resetKey: string;
  children: ReactNode;
}
interface State {
  error: Error | null;
  key: string;
}

/** Shows a page that failed to render instead of a blank window. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override render() {
    if (this.state.error) {
      return <Result status="error" title="页面显示出错" subTitle={this.state.error.message} />;
    }
    return this.props.children;
  }
}
