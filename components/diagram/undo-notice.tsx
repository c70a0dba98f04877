import { Button } from "@/components/ui/button";

/** "Deleted … Undo": the last deletion, until it is undone or dismissed. */
export function UndoNotice({ message, undo, dismiss }: { message: string; undo: () => void; dismiss: () => void }) {
  return (
    <div
      role="status"
      className="flex flex-wrap items-center gap-2 rounded-md border border-slate-300 bg-slate-900 px-3 py-2 text-sm text-white"
      data-testid="diagram-undo"
    >
      <span>{message}</span>
      <Button type="button" size="sm" variant="secondary" onClick={undo}>
        Undo
      </Button>
      <Button type="button" size="sm" variant="ghost" className="text-white hover:bg-slate-700" onClick={dismiss}>
        Dismiss
      </Button>
    </div>
  );
}
