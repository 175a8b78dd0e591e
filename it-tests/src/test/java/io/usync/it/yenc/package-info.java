/**
 * yEnc interop: our articles decoded by independent decoders (SABnzbd's sabyenc, uudeview) and
 * articles from independent encoders (sabyenc, uuenview) decoded by ours, byte for byte.
 */
package io.usync.it.yenc;
