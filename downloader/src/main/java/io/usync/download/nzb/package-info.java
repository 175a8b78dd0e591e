/**
 * Downloading ordinary NZB 1.1 files: the NZB is streamed twice (once to plan and check space,
 * once to fetch), file names come from the subject's quoted name or else the yEnc name and pass
 * {@code SafePaths}, and each part is placed at its validated {@code =ypart} offset.
 */
package io.usync.download.nzb;
