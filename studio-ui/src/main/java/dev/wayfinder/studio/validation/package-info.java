/** Live validation: the scenarios module's checks and planner run off the FX thread, latest request wins; the Problems panel. */
package dev.wayfinder.studio.validation;
