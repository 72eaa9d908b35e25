import { runService } from "../platform/run-service";
import { skillsConfigShape } from "./config";
import { createSkillsService } from "./skills";

await runService("skills", createSkillsService, skillsConfigShape, { stateless: true });
