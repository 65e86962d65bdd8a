import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface PanelBoundaryProps {
  name: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** One broken panel shows a sentence and a retry; the rest of the page keeps working. */
export class PanelBoundary extends Component<PanelBoundaryProps, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // Kept for developers in the console; users see the sentence below, never a stack.
    console.error(`The ${this.props.name} panel failed`, error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div
        role="alert"
        className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
      >
        <p>The {this.props.name} could not be shown.</p>
        <button
          type="button"
          className="mt-2 underline"
          onClick={() => this.setState({ error: null })}
        >
          Try again
        </button>
      </div>
    );
  }
}
