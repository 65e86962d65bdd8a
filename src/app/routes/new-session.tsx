import { lazy, Suspense } from 'react';
import { PanelBoundary } from '@/components/ui/panel-boundary';
import { Skeleton } from '@/components/ui/skeleton';
import { NewSessionForm } from '@/features/new-session/components/new-session-form';

const PreviewMap = lazy(() =>
  import('@/features/results-map/components/preview-map').then((m) => ({ default: m.PreviewMap })),
);

export function NewSessionRoute() {
  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold">New session</h1>
        <p className="mt-1 text-slate-700">
          Up to 500 locations per session; more are split into several. Nothing is sent until every
          location checks out, or you choose to drop the ones that do not.
        </p>
      </div>
      <NewSessionForm
        renderPreview={(locations) => (
          <PanelBoundary name="preview map">
            <Suspense fallback={<Skeleton className="h-80" />}>
              <PreviewMap locations={locations} />
            </Suspense>
          </PanelBoundary>
        )}
      />
    </div>
  );
}
