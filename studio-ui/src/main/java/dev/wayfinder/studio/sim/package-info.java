/**
 * The simulation panel: a {@link dev.wayfinder.studio.sim.SimulationRunner} steps a physics-sim env on its own
 * thread (the robot camera rendered there), a {@link dev.wayfinder.studio.sim.ViewportRenderer} draws the studio
 * camera's view on another, and {@link dev.wayfinder.studio.sim.SimulationModel} holds what the views bind to. The
 * scenario being edited is only ever read: the simulation runs a copy of it.
 */
package dev.wayfinder.studio.sim;
