import { type ButtonHTMLAttributes, type InputHTMLAttributes, useId } from "react";
import { ORGANISE_NAME_MAX } from "../../../../vocabulary/organise";
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

/**
 * NameField is a required name in any script: a project's or a section's, at most ORGANISE_NAME_MAX characters,
 * unless `maxLength` says otherwise (a saved filter's name is shorter).
 */
export function NameField(field: InputProps & { label: string; value: string; onChange: (value: string) => void }) {
  return <TextField required dir="auto" maxLength={ORGANISE_NAME_MAX} {...field} />;
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

type PasswordState = { value: string; onChange: (value: string) => void; problem?: string };

/**
 * CurrentPasswordField asks for the password the account has now, to confirm a change to the account; its label
 * is "Current password" unless `label` says otherwise.
 */
export function CurrentPasswordField({ label, ...field }: PasswordState & { label?: string }) {
  const i18n = useI18n();
  return (
    <PasswordField {...field} label={label ?? i18n.t("account.currentPassword")} autoComplete="current-password" />
  );
}

/**
 * NewPasswordField is where a new password is chosen ("New password"): at least 8 characters, the rule shown until
 * a problem replaces it.
 */
export function NewPasswordField(field: PasswordState) {
  const i18n = useI18n();
  return (
    <PasswordField
      {...field}
      label={i18n.t("account.newPassword")}
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

/**
 * ActionButton is a button that acts where it stands (it never submits a form), showing `label`; any other
 * button attribute (disabled, aria-label, data-testid, the handler) passes through.
 */
export function ActionButton({
  label,
  className = "button",
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type" | "children"> & { label: string }) {
  return (
    <button type="button" className={className} {...button}>
      {label}
    </button>
  );
}
