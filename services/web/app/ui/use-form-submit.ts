import { type FormEvent, useState } from "react";

/**
 * useFormSubmit runs `action` when the form is submitted, at most one at a time: `busy` is true while it
 * runs, and a second submit meanwhile is ignored. `action` handles its own errors.
 */
export function useFormSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}
