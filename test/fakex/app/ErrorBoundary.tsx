/** @jsxImportSource react */
import { Component, type ReactNode } from 'react';

/**
 * X wraps columns in error boundaries: a crash (e.g. DraftJS losing track of a DOM node someone else
 * changed) shows "Something went wrong" in that column instead of blanking the whole page.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="fx-section" data-testid="error-detail">
        <span>Something went wrong. Try reloading.</span>
        <button type="button" onClick={() => this.setState({ failed: false })}>
          <span>Retry</span>
        </button>
      </div>
    );
  }
}
