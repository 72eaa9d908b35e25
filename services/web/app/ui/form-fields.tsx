import { type InputHTMLAttributes, useId } from "react";
import { useI18n } from "../state/i18n-context";

type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "id" | "value" | "onChange" | "aria-invalid" | "aria-describedby"
>;

/**
 * TextField is a labelled input with an optional hint and its own error line, both tied to it for screen
 * readers; any other input attribute passes through.
 */
export function TextField({
  label,
  value,
  onChange,
  hint,
  problem,
  ...input
}: InputProps & {
  label: string;
  value: string;
  onChange?: (value: string) => void;
  hint?: string;
  problem?: string;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={onChange && ((e) => onChange(e.target.value))}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}

/** PasswordField is a required password input within the contract's length (at most 128 characters). */
export function PasswordField({
  autoComplete,
  minLength = 1,
  testId,
  ...field
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: "current-password" | "new-password";
  minLength?: number;
  hint?: string;
  problem?: string;
  testId?: string;
}) {
  return (
    <TextField
      {...field}
      type="password"
      required
      minLength={minLength}
      maxLength={128}
      autoComplete={autoComplete}
      dir="ltr"
      data-testid={testId}
    />
  );
}

/** NewPasswordField is where a new password is chosen: at least 8 characters, the rule shown until a problem replaces it. */
export function NewPasswordField(field: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  problem?: string;
}) {
  const i18n = useI18n();
  return (
    <PasswordField
      {...field}
      autoComplete="new-password"
      minLength={8}
      hint={field.problem ? undefined : i18n.t("auth.passwordHint")}
    />
  );
}

/** DisplayNameField is the name a user goes by, within the contract's length (at most 100 characters), in any script. */
export function DisplayNameField(field: { label: string; value: string; onChange: (value: string) => void }) {
  return <TextField {...field} required maxLength={100} autoComplete="name" dir="auto" />;
}

/** EmailField is a required email address input within the contract's length (at most 254 characters). */
export function EmailField(field: { label: string; value: string; onChange: (value: string) => void }) {
  return <TextField {...field} type="email" required maxLength={254} autoComplete="email" dir="ltr" />;
}

/** FormError is the line above a form that says why it was refused, read out when it appears. */
export function FormError({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="form-error" role="alert">
      {message}
    </p>
  );
}

/** SubmitButton sends its form, disabled and saying "working" while `busy`. */
export function SubmitButton({
  busy,
  label,
  className = "button primary",
}: {
  busy: boolean;
  label: string;
  className?: string;
}) {
  const i18n = useI18n();
  return (
    <button type="submit" className={className} disabled={busy}>
      {busy ? i18n.t("auth.working") : label}
    </button>
  );
}
