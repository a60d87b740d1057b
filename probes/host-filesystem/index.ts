/** Checks of the `host-filesystem` boundary, in report order. */
import type { Check } from '../model.js';
import hostRootMounted from './host-root-mounted.js';
import sensitiveHostPathMounted from './sensitive-host-path-mounted.js';
import hostPathWritable from './host-path-writable.js';
import varLogMounted from './var-log-mounted.js';
import mountPropagationShared from './mount-propagation-shared.js';
import hostRootViaProc from './host-root-via-proc.js';
import hostInodeByHandle from './host-inode-by-handle.js';
import hostMountSuidPlant from './host-mount-suid-plant.js';
import leakedDirectoryFd from './leaked-directory-fd.js';
import lxcfsMountedRw from './lxcfs-mounted-rw.js';

export const hostFilesystemChecks: readonly Check[] = [
  hostRootMounted, sensitiveHostPathMounted, hostPathWritable, varLogMounted, mountPropagationShared,
  hostRootViaProc, hostInodeByHandle, hostMountSuidPlant, leakedDirectoryFd, lxcfsMountedRw,
];
