/**
 * Path safety for names that come from the network (manifests, NZB subjects, yEnc headers): every
 * output stays under the target directory (Windows reserved names per Microsoft's "Naming Files,
 * Paths, and Namespaces").
 */
package io.usync.core.path;
