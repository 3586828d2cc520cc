declare module "virtual:curator-models" {
  import type { ModelInfo } from "./modelInfo";
  const models: ModelInfo[];
  export default models;
}
