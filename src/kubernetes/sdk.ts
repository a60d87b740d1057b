/**
 * The values escapekit takes from @kubernetes/client-node, in one place: the build bundles
 * this module into a single file (scripts/bundle-sdk.ts), because loading the library's
 * ~1,000 modules one by one costs ~0.6 s of CPU at every Kubernetes run, the bundle ~0.1 s.
 * Types are imported from the package directly (they vanish at compile time).
 */
export { AuthorizationV1Api, CoreV1Api, KubeConfig, VersionApi, Watch } from '@kubernetes/client-node';
