import { runService } from "../platform/run-service";
import { skillsConfigShape } from "./config";
import { createSkills } from "./skills";

await runService("skills", createSkills, skillsConfigShape, { stateless: true });
