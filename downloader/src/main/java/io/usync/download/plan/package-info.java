/**
 * Planning: which files a download produces (all, or those selected with {@code --only}), where
 * each segment's bytes go, what earlier runs already wrote, and whether the disk has room.
 */
package io.usync.download.plan;
