/** `npm run bench -- <name…>`: startup, tasks, fanout, share-fanout, share-access, reminders, chat, filters, projects, calendar, webhooks, sidecars (needs daprd: npm run dapr -- --build). Prints figures and baselines. */
import { benchCalendar } from "./calendar";
import { benchChat } from "./chat";
import { benchFanout } from "./fanout";
import { benchFilters } from "./filters";
import { benchProjects } from "./projects";
import { benchReminders } from "./reminders";
import { benchShareAccess } from "./share-access";
import { benchShareFanout } from "./share-fanout";
import { benchSidecars } from "./sidecars";
import { benchStartup } from "./startup";
import { benchTasks } from "./tasks";
import { benchWebhooks } from "./webhooks";

const benches: Record<string, () => Promise<void>> = {
  startup: benchStartup,
  tasks: benchTasks,
  fanout: benchFanout,
  "share-fanout": benchShareFanout,
  "share-access": benchShareAccess,
  reminders: benchReminders,
  chat: benchChat,
  sidecars: benchSidecars,
  filters: benchFilters,
  projects: benchProjects,
  calendar: benchCalendar,
  webhooks: benchWebhooks,
};

const names = process.argv.slice(2);
const chosen = names.length > 0 ? names : Object.keys(benches);
for (const name of chosen) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; choose from: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  await bench();
}
process.exit(0);
