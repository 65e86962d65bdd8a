import type { ListingStats } from '@/contract/schemas';
import { Button } from '@/components/ui/button';
import { Modal } from '@/components/ui/modal';

export interface DeleteListingDialogProps {
  stats: ListingStats | null;
  statsError: Error | null;
  pending: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

/** Deleting is permanent churn: say how many deletions are left before doing it. */
export function DeleteListingDialog({
  stats,
  statsError,
  pending,
  onCancel,
  onConfirm,
}: DeleteListingDialogProps) {
  const left = stats?.deletions_remaining;
  const atLimit = stats?.is_at_churn_limit === true;
  return (
    <Modal title="Delete this listing?" onClose={onCancel}>
      <p className="text-sm text-slate-700">
        Deleting frees a listing slot. Each deletion counts toward your plan’s permanent deletion
        limit, which never resets.
      </p>
      <p className="mt-2 text-sm font-medium" role="status">
        {stats === null
          ? statsError
            ? 'Deletions left could not be loaded.'
            : 'Checking deletions left…'
          : left === -1
            ? 'Your plan allows unlimited deletions.'
            : atLimit
              ? 'You have no deletions left: this will be refused.'
              : `This uses 1 of your ${left} remaining deletions.`}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button variant="danger" onClick={onConfirm} disabled={pending}>
          {pending ? 'Deleting…' : 'Delete listing'}
        </Button>
      </div>
    </Modal>
  );
}
