/** Integration tests of the index as the other modules use it: the embedded default across runs. */
package io.usync.it.index;
