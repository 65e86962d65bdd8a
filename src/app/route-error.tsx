import { isRouteErrorResponse, Link, useRouteError } from 'react-router';

/** Per-route error boundary: a clear sentence and a way on, never a stack trace. */
export function RouteError() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <div role="alert" className="mx-auto max-w-2xl py-12">
      <h1 className="text-2xl font-semibold">
        {notFound ? 'Page not found' : 'This view could not be shown'}
      </h1>
      <p className="mt-3 text-slate-700">
        {notFound
          ? 'There is no page at this address.'
          : 'Something went wrong while showing this page. Your data is safe; try again.'}
      </p>
      <div className="mt-6 flex gap-4">
        {!notFound && (
          <button
            type="button"
            className="text-teal-800 underline"
            onClick={() => window.location.reload()}
          >
            Reload
          </button>
        )}
        <Link className="text-teal-800 underline" to="/">
          Go to the start page
        </Link>
      </div>
    </div>
  );
}
