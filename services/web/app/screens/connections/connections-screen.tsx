import { useI18n } from "../../state/i18n-context";
import { CalendarSection } from "./calendar-section";
import { TokensSection } from "./tokens-section";
import { TransferSection } from "./transfer-section";
import { WebhooksSection } from "./webhooks-section";

/**
 * ConnectionsScreen gathers the doors to other tools: the calendar feed, personal access tokens, webhooks, import
 * and export. Each door is one section component in this folder.
 */
export function ConnectionsScreen() {
  const i18n = useI18n();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>{i18n.t("connections.title")}</h1>
          <p className="page-subtitle">{i18n.t("connections.intro")}</p>
        </div>
      </div>
      <TokensSection />
      <CalendarSection />
      <WebhooksSection />
      <TransferSection />
    </>
  );
}
