// Catches a rendering error so one broken panel cannot blank the whole app. The document is in
// the store, untouched: "Try again" re-renders, and saving still works from the menu.
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  children: ReactNode;
  /** Where this boundary sits, for the message ("the canvas", "the side panel"). */
  area: string;
  onError?(message: string): void;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`Flowgate: ${this.props.area} failed to render`, error, info.componentStack);
    this.props.onError?.(`${this.props.area} ran into a problem: ${error.message}`);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash" role="alert" data-testid="error-boundary">
        <h2>Something went wrong in {this.props.area}.</h2>
        <p className="muted">Your workflow is still open and nothing was lost. You can try again, or save your work first.</p>
        <pre className="crash-detail">{this.state.error.message}</pre>
        <button type="button" className="btn btn-primary" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
