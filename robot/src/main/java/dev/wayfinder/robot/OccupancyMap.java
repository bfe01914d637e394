package dev.wayfinder.robot;

import java.util.Objects;

/**
 * An occupancy grid as nav_msgs/OccupancyGrid carries it: row-major cells from the origin cell, x along a row,
 * each -1 (unknown) or an occupancy probability 0..100. Cell (i, j) covers x in
 * [originX + i * resolution, originX + (i + 1) * resolution), y likewise with j. Immutable (the cells are copied).
 *
 * @param resolution cell side, metres, &gt; 0
 * @param originX    x of the grid's corner (cell (0, 0)'s lower-left), metres, in the map frame
 * @param originY    metres
 * @param width      cells along x, &gt;= 1
 * @param height     cells along y, &gt;= 1
 * @param cells      width x height values, -1..100
 */
public record OccupancyMap(double resolution, double originX, double originY, int width, int height, byte[] cells) {
    /** Cells at or above this occupancy count as obstacles (map_server's default occupied threshold, 0.65). */
    public static final int OCCUPIED = 65;
    /** Most cells accepted. */
    public static final int MAX_CELLS = 16_000_000;

    public OccupancyMap {
        Objects.requireNonNull(cells, "cells");
        if (!(resolution > 0) || !Double.isFinite(resolution) || !Double.isFinite(originX)
                || !Double.isFinite(originY)) {
            throw new IllegalArgumentException("map resolution must be finite and > 0 and its origin finite, got "
                    + resolution + " at (" + originX + ", " + originY + ")");
        }
        if (width < 1 || height < 1 || (long) width * height > MAX_CELLS) {
            throw new IllegalArgumentException("map must have 1.." + MAX_CELLS + " cells, got " + width + "x" + height);
        }
        if (cells.length != width * height) {
            throw new IllegalArgumentException("map of " + width + "x" + height + " cells needs " + width * height
                    + " values, got " + cells.length);
        }
        cells = cells.clone();
        for (int k = 0; k < cells.length; k++) {
            if (cells[k] < -1 || cells[k] > 100) {
                throw new IllegalArgumentException("map cell " + k + " is " + cells[k] + ", expected -1..100");
            }
        }
    }

    /** The value of cell (i, j); out of the grid counts as unknown (-1). */
    public int cell(int i, int j) {
        return i < 0 || j < 0 || i >= width || j >= height ? -1 : cells[j * width + i];
    }

    /** Whether cell (i, j) is an obstacle (occupied at or above {@link #OCCUPIED}). */
    public boolean occupied(int i, int j) {
        return cell(i, j) >= OCCUPIED;
    }

    /** The column of map x, possibly outside the grid. */
    public int column(double x) {
        return (int) Math.floor((x - originX) / resolution);
    }

    /** The row of map y, possibly outside the grid. */
    public int row(double y) {
        return (int) Math.floor((y - originY) / resolution);
    }

    /** Map x of the centre of column {@code i}. */
    public double centerX(int i) {
        return originX + (i + 0.5) * resolution;
    }

    /** Map y of the centre of row {@code j}. */
    public double centerY(int j) {
        return originY + (j + 0.5) * resolution;
    }

    @Override
    public byte[] cells() {
        return cells.clone();
    }
}
