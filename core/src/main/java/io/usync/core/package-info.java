/** Value types shared by every usync module: ranges, files, segments, ids, crypto and the NZB model. */
package io.usync.core;
