/**
 * RTPS message structure (spec 8.3): header, submessages, parameter lists, and their codecs.
 * Parsing never throws on bad input: it reports how far it got and why it stopped.
 */
package dev.wayfinder.ros.rtps.messages;
