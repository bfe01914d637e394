/** What the robot makes of its depth camera: obstacles separated from the floor by geometry. */
package dev.wayfinder.robot.perception;
