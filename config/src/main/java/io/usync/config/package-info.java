/**
 * usync's YAML configuration (YAML 1.1 via Jackson): news server profiles, index, upload and
 * download settings as validated immutable records, secrets by reference only, and XDG base
 * directories (XDG Base Directory Specification 0.8).
 */
package io.usync.config;
