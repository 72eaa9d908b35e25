import type { ReactNode } from "react";
import { useDocumentTitle, useI18n } from "../../state/i18n-context";
import { Icon } from "../../ui/icons";

/** SignedOutFrame is the one-card page the signed-out account screens (forgot, reset) share with sign-in. */
export function SignedOutFrame({ title, children }: { title: string; children: ReactNode }) {
  const i18n = useI18n();
  useDocumentTitle(title);
  return (
    <div className="auth-layout">
      <main className="auth-main" id="main">
        <div className="auth-card card">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              <Icon name="check" size={22} />
            </span>
            <span className="brand-name">{i18n.t("app.name")}</span>
          </div>
          <h1>{title}</h1>
          {children}
        </div>
      </main>
    </div>
  );
}
