package dev.wayfinder.inference.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernels a gradient step of the policy network needs, on the Vector API: two general matrix products (one
 * streaming rows of the right-hand side, one of dot products along both operands' rows) for the dense layers, the 3x3
 * stride-2 convolution's patch gathering and its adjoint, the convolution's three products on tiled patch matrices,
 * and the ReLU's backward pass with the bias gradient. Float arrays with explicit offsets and row strides; every
 * method is stateless ({@link #im2col}, {@link #col2im} and {@link #convInputGrad} allocate a tile's worth of
 * scratch per call, {@link #convWeightGrad} a block of the transposed output gradient and its sums).
 *
 * <p>A convolution over a batch runs as one product: with the activations laid out channel-major over the whole batch
 * ({@code [C][N][H][W]}), its output {@code Y[co][n*OH*OW]} is {@code W[co][ci*9] x cols[ci*9][n*OH*OW]}
 * ({@link #convForward}); the weight gradient is {@code dY x cols^T} ({@link #convWeightGrad}) and the input
 * gradient {@code W^T x dY} ({@link #convInputGrad}) scattered back by {@link #col2im}. The patch matrices are stored
 * in tiles ({@link #tile}).
 */
public final class TrainKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Columns of the weight gradient's reduction per piece when a caller splits it over threads. */
    private static final int NT_CHUNK = 1024;

    private TrainKernels() {
    }

    /** Floats per vector on this machine (a first touch of the vector module, for availability checks). */
    public static int lanes() {
        return L;
    }

    /**
     * {@code C[m][p] = (accumulate ? C[m][p] : bias[m] or 0) + sum_k A[m][k] B[k][p]}, then {@code max(0, .)} when
     * {@code relu}.
     *
     * @param bias per row of C, or null
     */
    public static void matmul(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
                              int ldc, int m, int k, int p, float[] bias, boolean relu, boolean accumulate) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            rows4(a, aOff + i * lda, lda, b, bOff, ldb, c, cOff + i * ldc, ldc, k, p, bias, i, relu, accumulate);
        }
        for (; i < m; i++) {
            row1(a, aOff + i * lda, b, bOff, ldb, c, cOff + i * ldc, k, p, bias == null ? 0f : bias[i], relu,
                    accumulate);
        }
    }

    /** Four rows of C: two vectors of columns at a time, then the masked tail. */
    private static void rows4(float[] a, int ao, int lda, float[] b, int bOff, int ldb, float[] c, int co, int ldc,
                              int k, int p, float[] bias, int row, boolean relu, boolean accumulate) {
        int j = 0;
        for (; j + 2 * L <= p; j += 2 * L) {
            tile4x2(a, ao, lda, b, bOff + j, ldb, c, co + j, ldc, k, bias, row, relu, accumulate);
        }
        for (; j < p; j += L) {
            tile4x1(a, ao, lda, b, bOff + j, ldb, c, co + j, ldc, k, S.indexInRange(j, p), bias, row, relu,
                    accumulate);
        }
    }

    private static void tile4x2(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
                                int k, float[] bias, int row, boolean relu, boolean accumulate) {
        FloatVector c00 = start(c, co, bias, row, accumulate);
        FloatVector c01 = start(c, co + L, bias, row, accumulate);
        FloatVector c10 = start(c, co + ldc, bias, row + 1, accumulate);
        FloatVector c11 = start(c, co + ldc + L, bias, row + 1, accumulate);
        FloatVector c20 = start(c, co + 2 * ldc, bias, row + 2, accumulate);
        FloatVector c21 = start(c, co + 2 * ldc + L, bias, row + 2, accumulate);
        FloatVector c30 = start(c, co + 3 * ldc, bias, row + 3, accumulate);
        FloatVector c31 = start(c, co + 3 * ldc + L, bias, row + 3, accumulate);
        for (int t = 0; t < k; t++, bo += ldb) {
            FloatVector b0 = FloatVector.fromArray(S, b, bo);
            FloatVector b1 = FloatVector.fromArray(S, b, bo + L);
            FloatVector a0 = FloatVector.broadcast(S, a[ao + t]);
            c00 = b0.fma(a0, c00);
            c01 = b1.fma(a0, c01);
            FloatVector a1 = FloatVector.broadcast(S, a[ao + lda + t]);
            c10 = b0.fma(a1, c10);
            c11 = b1.fma(a1, c11);
            FloatVector a2 = FloatVector.broadcast(S, a[ao + 2 * lda + t]);
            c20 = b0.fma(a2, c20);
            c21 = b1.fma(a2, c21);
            FloatVector a3 = FloatVector.broadcast(S, a[ao + 3 * lda + t]);
            c30 = b0.fma(a3, c30);
            c31 = b1.fma(a3, c31);
        }
        finish(c00, c, co, relu);
        finish(c01, c, co + L, relu);
        finish(c10, c, co + ldc, relu);
        finish(c11, c, co + ldc + L, relu);
        finish(c20, c, co + 2 * ldc, relu);
        finish(c21, c, co + 2 * ldc + L, relu);
        finish(c30, c, co + 3 * ldc, relu);
        finish(c31, c, co + 3 * ldc + L, relu);
    }

    private static void tile4x1(float[] a, int ao, int lda, float[] b, int bo, int ldb, float[] c, int co, int ldc,
                                int k, VectorMask<Float> mask, float[] bias, int row, boolean relu,
                                boolean accumulate) {
        FloatVector c0 = start(c, co, mask, bias, row, accumulate);
        FloatVector c1 = start(c, co + ldc, mask, bias, row + 1, accumulate);
        FloatVector c2 = start(c, co + 2 * ldc, mask, bias, row + 2, accumulate);
        FloatVector c3 = start(c, co + 3 * ldc, mask, bias, row + 3, accumulate);
        for (int t = 0; t < k; t++, bo += ldb) {
            FloatVector bv = FloatVector.fromArray(S, b, bo, mask);
            c0 = bv.fma(FloatVector.broadcast(S, a[ao + t]), c0);
            c1 = bv.fma(FloatVector.broadcast(S, a[ao + lda + t]), c1);
            c2 = bv.fma(FloatVector.broadcast(S, a[ao + 2 * lda + t]), c2);
            c3 = bv.fma(FloatVector.broadcast(S, a[ao + 3 * lda + t]), c3);
        }
        finish(c0, c, co, mask, relu);
        finish(c1, c, co + ldc, mask, relu);
        finish(c2, c, co + 2 * ldc, mask, relu);
        finish(c3, c, co + 3 * ldc, mask, relu);
    }

    private static void row1(float[] a, int ao, float[] b, int bOff, int ldb, float[] c, int co, int k, int p,
                             float bias, boolean relu, boolean accumulate) {
        for (int j = 0; j < p; j += L) {
            VectorMask<Float> mask = S.indexInRange(j, p);
            FloatVector acc = accumulate ? FloatVector.fromArray(S, c, co + j, mask) : FloatVector.broadcast(S, bias);
            int bo = bOff + j;
            for (int t = 0; t < k; t++, bo += ldb) {
                acc = FloatVector.fromArray(S, b, bo, mask).fma(FloatVector.broadcast(S, a[ao + t]), acc);
            }
            finish(acc, c, co + j, mask, relu);
        }
    }

    private static FloatVector start(float[] c, int at, float[] bias, int row, boolean accumulate) {
        if (accumulate) {
            return FloatVector.fromArray(S, c, at);
        }
        return bias == null ? FloatVector.zero(S) : FloatVector.broadcast(S, bias[row]);
    }

    private static FloatVector start(float[] c, int at, VectorMask<Float> mask, float[] bias, int row,
                                     boolean accumulate) {
        if (accumulate) {
            return FloatVector.fromArray(S, c, at, mask);
        }
        return bias == null ? FloatVector.zero(S) : FloatVector.broadcast(S, bias[row]);
    }

    private static void finish(FloatVector v, float[] c, int at, boolean relu) {
        (relu ? v.max(0f) : v).intoArray(c, at);
    }

    private static void finish(FloatVector v, float[] c, int at, VectorMask<Float> mask, boolean relu) {
        (relu ? v.max(0f) : v).intoArray(c, at, mask);
    }

    /**
     * {@code C[m][k] = (accumulate ? C[m][k] : 0) + sum_p A[m][p] B[k][p]}: both operands read along their rows, one
     * dot product per output (the dense layers' sizes; the convolutions' weight gradient has its own blocked kernel,
     * {@link #convWeightGrad}).
     */
    public static void matmulNT(float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float[] c, int cOff,
                                int ldc, int m, int k, int p, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                float d = dot(a, aOff + i * lda, b, bOff + j * ldb, 0, p);
                c[cOff + i * ldc + j] = accumulate ? c[cOff + i * ldc + j] + d : d;
            }
        }
    }

    /**
     * The lanes of {@code v} added in lane order: the same float in every compilation tier (a vector reduction's
     * order is the compiler's choice), so a step gives the same bits before and after warm-up, on any thread.
     */
    private static float sum(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < L; i++) {
            s += v.lane(i);
        }
        return s;
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int p0, int p1) {
        FloatVector s = FloatVector.zero(S);
        int q = p0;
        for (; q + L <= p1; q += L) {
            s = FloatVector.fromArray(S, a, ao + q).fma(FloatVector.fromArray(S, b, bo + q), s);
        }
        if (q < p1) {
            VectorMask<Float> mask = S.indexInRange(q, p1);
            s = FloatVector.fromArray(S, a, ao + q, mask).fma(FloatVector.fromArray(S, b, bo + q, mask), s);
        }
        return sum(s);
    }

    /**
     * Columns per tile of the patch matrices ({@link #im2col}): two vectors. A patch matrix of K rows and P columns
     * is stored tile by tile, {@code K x TILE} floats each, element {@code (k, p)} at
     * {@code (p / TILE) * K * TILE + k * TILE + p % TILE}; its column count is padded to whole tiles
     * ({@link #padded}). A tile is what one step of a product reads, in one place, instead of K rows a whole batch
     * apart that would evict each other from the cache.
     */
    public static int tile() {
        return 2 * L;
    }

    /** {@code p} rounded up to whole tiles. */
    public static int padded(int p) {
        int t = tile();
        return (p + t - 1) / t * t;
    }

    /**
     * Gathers the patches of a 3x3, stride-2, padding-1 convolution into a tiled patch matrix ({@link #tile}): row
     * {@code c*9 + ky*3 + kx}, column {@code n*OH*OW + oy*OW + ox} holds {@code x[c][n][2*oy + ky - 1][2*ox + kx - 1]},
     * 0 outside the image and in the padding columns, with {@code OH = H/2}, {@code OW = W/2}. Element
     * {@code (c, n, y, x)} of the source is at {@code off + c*channelStride + n*imageStride + y*w + x}, so both NCHW
     * images and channel-major activations can be read.
     */
    public static void im2col(float[] x, int off, int channelStride, int imageStride, int channels, int batch,
                              int h, int w, float[] cols) {
        im2col(x, off, channelStride, imageStride, channels, batch, h, w, cols, 0, tiles(batch * (h / 2) * (w / 2)));
    }

    /** Whole tiles of {@code p} columns. */
    public static int tiles(int p) {
        return padded(p) / tile();
    }

    /** {@link #im2col} of tiles [tileFrom, tileTo) only. */
    public static void im2col(float[] x, int off, int channelStride, int imageStride, int channels, int batch,
                              int h, int w, float[] cols, int tileFrom, int tileTo) {
        int t = tile();
        int p = batch * (h / 2) * (w / 2);
        int rows = channels * 9;
        int[] runs = new int[RUN * t];
        // Tile by tile, so the writes run in order. Within a tile, each run of columns stays on one output row and
        // reads one input row per ky: kx = 1 takes its even pixels, kx = 2 its odd ones and kx = 0 the odd ones one
        // to the left, so one pair of vectors loaded and split into even and odd lanes fills two of the three rows.
        for (int tile = tileFrom; tile < tileTo; tile++) {
            int count = runs(tile, t, p, h, w, imageStride, runs);
            int covered = Math.min(t, p - tile * t);
            for (int c = 0; c < channels; c++) {
                int plane = off + c * channelStride;
                for (int ky = 0; ky < 3; ky++) {
                    int d0 = tile * rows * t + (c * 3 + ky) * 3 * t;
                    for (int r = 0; r < count; r++) {
                        int at = RUN * r;
                        int iy = runs[at + 1] + ky;
                        int len = runs[at + 4];
                        int d = d0 + runs[at + 3];
                        if (iy < 0 || iy >= h) {
                            for (int kx = 0; kx < 3; kx++) {
                                java.util.Arrays.fill(cols, d + kx * t, d + kx * t + len, 0f);
                            }
                            continue;
                        }
                        int ox0 = runs[at + 2];
                        gatherRun(x, plane + runs[at] + iy * w + 2 * ox0, ox0 == 0, cols, d, t, len);
                    }
                    if (covered < t) {
                        for (int kx = 0; kx < 3; kx++) {
                            java.util.Arrays.fill(cols, d0 + kx * t + covered, d0 + (kx + 1) * t, 0f);
                        }
                    }
                }
            }
        }
    }

    /** The even and the odd lanes of a pair of vectors; a pair's first halves interleaved, then its second halves. */
    private static final VectorShuffle<Float> EVEN = VectorShuffle.makeUnzip(S, 0);
    private static final VectorShuffle<Float> ODD = VectorShuffle.makeUnzip(S, 1);
    private static final VectorShuffle<Float> ZIP_LO = VectorShuffle.makeZip(S, 0);
    private static final VectorShuffle<Float> ZIP_HI = VectorShuffle.makeZip(S, 1);

    /**
     * One run of {@code len} output columns: {@code cols[d + kx*t + j] = x[src + 2j + kx - 1]}, 0 left of the image
     * when {@code leftEdge} (the run starts at output column 0).
     */
    private static void gatherRun(float[] x, int src, boolean leftEdge, float[] cols, int d, int t, int len) {
        int j = 0;
        for (; j + L <= len; j += L) {
            int from = src + 2 * j;
            FloatVector lo = FloatVector.fromArray(S, x, from);
            FloatVector hi = FloatVector.fromArray(S, x, from + L);
            FloatVector odd = lo.rearrange(ODD, hi);
            lo.rearrange(EVEN, hi).intoArray(cols, d + t + j);
            odd.intoArray(cols, d + 2 * t + j);
            FloatVector left;
            if (j == 0 && leftEdge) {
                left = FloatVector.zero(S).slice(L - 1, odd);
            } else {
                left = FloatVector.fromArray(S, x, from - 1).rearrange(EVEN, FloatVector.fromArray(S, x, from - 1 + L));
            }
            left.intoArray(cols, d + j);
        }
        for (; j < len; j++) {
            int from = src + 2 * j;
            cols[d + j] = j == 0 && leftEdge ? 0f : x[from - 1];
            cols[d + t + j] = x[from];
            cols[d + 2 * t + j] = x[from + 1];
        }
    }

    /** Ints per run of columns: image offset, top input row, first output column, place in the tile, length. */
    private static final int RUN = 5;

    /**
     * Cuts tile {@code tile}'s columns (up to {@code p}) into runs that stay on one output row; returns how many.
     * The padding columns past {@code p} belong to no run.
     */
    private static int runs(int tile, int t, int p, int h, int w, int imageStride, int[] runs) {
        int ow = w / 2;
        int per = (h / 2) * ow;
        int col = tile * t;
        int end = Math.min(p, col + t);
        int count = 0;
        while (col < end) {
            int n = col / per;
            int rest = col - n * per;
            int oy = rest / ow;
            int ox = rest - oy * ow;
            int len = Math.min(ow - ox, end - col);
            int at = RUN * count++;
            runs[at] = n * imageStride;
            runs[at + 1] = 2 * oy - 1;
            runs[at + 2] = ox;
            runs[at + 3] = col - tile * t;
            runs[at + 4] = len;
            col += len;
        }
        return count;
    }

    /**
     * The adjoint of {@link #im2col}: adds every patch gradient of a tiled patch matrix back onto the pixel it was
     * read from. The destination is channel-major, {@code dx[off + c*channelStride + n*h*w + y*w + x]}, and is added
     * to, not overwritten.
     */
    public static void col2im(float[] cols, int channels, int batch, int h, int w, float[] dx, int off,
                              int channelStride) {
        col2im(cols, channels, batch, h, w, dx, off, channelStride, 0, channels);
    }

    /** {@link #col2im} onto channels [channelFrom, channelTo) only. */
    public static void col2im(float[] cols, int channels, int batch, int h, int w, float[] dx, int off,
                              int channelStride, int channelFrom, int channelTo) {
        int t = tile();
        int p = batch * (h / 2) * (w / 2);
        int rows = channels * 9;
        int[] runs = new int[RUN * t];
        for (int tile = 0; tile * t < p; tile++) {
            int count = runs(tile, t, p, h, w, h * w, runs);
            for (int c = channelFrom; c < channelTo; c++) {
                int plane = off + c * channelStride;
                for (int ky = 0; ky < 3; ky++) {
                    int src = tile * rows * t + (c * 3 + ky) * 3 * t;
                    for (int r = 0; r < count; r++) {
                        int at = RUN * r;
                        int iy = runs[at + 1] + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int ox0 = runs[at + 2];
                        scatterRun(cols, src + runs[at + 3], t, runs[at + 4], dx,
                                plane + runs[at] + iy * w + 2 * ox0, ox0 == 0);
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #gatherRun}: {@code dx[to + 2j + kx - 1] += g[kx][j]} (kx = 0 dropped at the left edge).
     * Even pixels take the kx = 1 row; odd ones the kx = 2 row plus the next column's kx = 0, added first, so the
     * pixels of a run are written as whole interleaved vectors.
     */
    private static void scatterRun(float[] g, int from, int t, int len, float[] dx, int to, boolean leftEdge) {
        if (!leftEdge) {
            dx[to - 1] += g[from];
        }
        int j = 0;
        for (; j + L <= len; j += L) {
            FloatVector even = FloatVector.fromArray(S, g, from + t + j);
            FloatVector next = j + L < len ? FloatVector.fromArray(S, g, from + j + 1)
                    : FloatVector.fromArray(S, g, from + j + 1, S.indexInRange(j + 1, len));
            FloatVector odd = FloatVector.fromArray(S, g, from + 2 * t + j).add(next);
            int at = to + 2 * j;
            even.rearrange(ZIP_LO, odd).add(FloatVector.fromArray(S, dx, at)).intoArray(dx, at);
            even.rearrange(ZIP_HI, odd).add(FloatVector.fromArray(S, dx, at + L)).intoArray(dx, at + L);
        }
        for (; j < len; j++) {
            int at = to + 2 * j;
            dx[at] += g[from + t + j];
            dx[at + 1] += j + 1 < len ? g[from + 2 * t + j] + g[from + j + 1] : g[from + 2 * t + j];
        }
    }

    /**
     * A convolution's forward product on a tiled patch matrix: {@code y[m][p] = max(0, bias[m] + sum_k w[m][k]
     * cols[k][p])} for the {@code pp = padded(p)} columns, y row-major with {@code pp} columns.
     */
    public static void convForward(float[] w, float[] cols, float[] bias, float[] y, int m, int k, int pp) {
        convForward(w, cols, bias, y, m, k, pp, 0, pp / tile());
    }

    /** {@link #convForward} of tiles [tileFrom, tileTo) only. */
    public static void convForward(float[] w, float[] cols, float[] bias, float[] y, int m, int k, int pp,
                                   int tileFrom, int tileTo) {
        int t = tile();
        for (int tile = tileFrom * t; tile < tileTo * t; tile += t) {
            int panel = tile * k;
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                tile4x2(w, i * k, k, cols, panel, t, y, i * pp + tile, pp, k, bias, i, true, false);
            }
            for (; i < m; i++) {
                row1(w, i * k, cols, panel, t, y, i * pp + tile, k, t, bias[i], true, false);
            }
        }
    }

    /**
     * A convolution's input gradient as a tiled patch matrix: {@code dcols[k][p] = sum_m wT[k][m] dy[m][p]}, with
     * {@code wT} the weights transposed (k x m) and dy row-major with {@code pp} columns.
     */
    public static void convInputGrad(float[] wT, float[] dy, float[] dcols, int m, int k, int pp) {
        convInputGrad(wT, dy, dcols, m, k, pp, 0, pp / tile());
    }

    /** {@link #convInputGrad} of tiles [tileFrom, tileTo) only. */
    public static void convInputGrad(float[] wT, float[] dy, float[] dcols, int m, int k, int pp, int tileFrom,
                                     int tileTo) {
        int t = tile();
        float[] panel = new float[m * t];
        for (int tile = tileFrom * t; tile < tileTo * t; tile += t) {
            for (int r = 0; r < m; r++) {
                System.arraycopy(dy, r * pp + tile, panel, r * t, t);
            }
            int out = tile * k;
            int i = 0;
            for (; i + 4 <= k; i += 4) {
                tile4x2(wT, i * m, m, panel, 0, t, dcols, out + i * t, t, m, null, 0, false, false);
            }
            for (; i < k; i++) {
                row1(wT, i * m, panel, 0, t, dcols, out + i * t, m, t, 0f, false, false);
            }
        }
    }

    /**
     * A convolution's weight gradient: {@code dw[m][k] = sum_p dy[m][p] cols[k][p]} (overwritten), dy row-major with
     * {@code pp} columns, cols tiled.
     */
    public static void convWeightGrad(float[] dy, float[] cols, float[] dw, int m, int k, int pp) {
        convWeightGrad(dy, cols, dw, 0, m, k, pp, 0, pp);
    }

    /** Columns of the weight gradient's reduction that a caller splitting it over threads gives one call. */
    public static int weightGradChunk() {
        return NT_CHUNK;
    }

    /**
     * {@link #convWeightGrad} over columns [colFrom, colTo) only (both whole tiles), into {@code dw} from
     * {@code dwOff} (overwritten). Each output is one running sum over the columns in order, so pieces cut at fixed
     * columns and added in column order give the same bits however many threads computed them.
     *
     * <p>The product runs as {@code dw^T[k][m] = sum_p cols[k][p] dy^T[p][m]}: blocks of {@value #WG_BLOCK} columns of
     * dy are transposed into a small buffer that stays in the first-level cache, and each step of the kernel
     * broadcasts one patch value against one or two vectors of that buffer's row, as the forward product does, with
     * no sums across lanes.
     */
    public static void convWeightGrad(float[] dy, float[] cols, float[] dw, int dwOff, int m, int k, int pp,
                                      int colFrom, int colTo) {
        int t = tile();
        int mp = (m + L - 1) / L * L;
        float[] acc = new float[k * mp];
        float[] dyT = new float[WG_BLOCK * mp];
        for (int p0 = colFrom; p0 < colTo; p0 += WG_BLOCK) {
            int p1 = Math.min(colTo, p0 + WG_BLOCK);
            for (int i = 0; i < m; i++) {
                int src = i * pp;
                for (int p = p0, d = i; p < p1; p++, d += mp) {
                    dyT[d] = dy[src + p];
                }
            }
            int tile0 = p0 / t;
            int tile1 = p1 / t;
            int v = 0;
            for (; v + 2 * L <= mp; v += 2 * L) {
                int r = 0;
                for (; r + 4 <= k; r += 4) {
                    rows4x2(cols, k, r, dyT, mp, v, acc, tile0, tile1);
                }
                if (r + 3 == k) {
                    rows3x2(cols, k, r, dyT, mp, v, acc, tile0, tile1);
                    r += 3;
                }
                for (; r < k; r++) {
                    row1x1(cols, k, r, dyT, mp, v, acc, tile0, tile1);
                    row1x1(cols, k, r, dyT, mp, v + L, acc, tile0, tile1);
                }
            }
            if (v < mp) {
                int r = 0;
                for (; r + 4 <= k; r += 4) {
                    rows4x1(cols, k, r, dyT, mp, v, acc, tile0, tile1);
                }
                for (; r < k; r++) {
                    row1x1(cols, k, r, dyT, mp, v, acc, tile0, tile1);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                dw[dwOff + i * k + j] = acc[j * mp + i];
            }
        }
    }

    /** Columns of dy transposed at a time by {@link #convWeightGrad} (a multiple of every tile width). */
    private static final int WG_BLOCK = 256;

    /**
     * Four rows {@code r..r+3} of {@code acc[k][mp]}, two vectors from column {@code v}, plus the block's tiles
     * {@code [tile0, tile1)}: {@code acc[r][v..] += cols[r][p] * dyT[p][v..]}, p in order.
     */
    private static void rows4x2(float[] cols, int k, int r, float[] dyT, int mp, int v, float[] acc, int tile0,
                                int tile1) {
        int t = 2 * L;
        int c0 = r * mp + v;
        FloatVector a00 = FloatVector.fromArray(S, acc, c0);
        FloatVector a01 = FloatVector.fromArray(S, acc, c0 + L);
        FloatVector a10 = FloatVector.fromArray(S, acc, c0 + mp);
        FloatVector a11 = FloatVector.fromArray(S, acc, c0 + mp + L);
        FloatVector a20 = FloatVector.fromArray(S, acc, c0 + 2 * mp);
        FloatVector a21 = FloatVector.fromArray(S, acc, c0 + 2 * mp + L);
        FloatVector a30 = FloatVector.fromArray(S, acc, c0 + 3 * mp);
        FloatVector a31 = FloatVector.fromArray(S, acc, c0 + 3 * mp + L);
        for (int tile = tile0, bp = v; tile < tile1; tile++) {
            int base = tile * k * t + r * t;
            for (int u = 0; u < t; u++, bp += mp) {
                FloatVector b0 = FloatVector.fromArray(S, dyT, bp);
                FloatVector b1 = FloatVector.fromArray(S, dyT, bp + L);
                FloatVector x = FloatVector.broadcast(S, cols[base + u]);
                a00 = x.fma(b0, a00);
                a01 = x.fma(b1, a01);
                x = FloatVector.broadcast(S, cols[base + t + u]);
                a10 = x.fma(b0, a10);
                a11 = x.fma(b1, a11);
                x = FloatVector.broadcast(S, cols[base + 2 * t + u]);
                a20 = x.fma(b0, a20);
                a21 = x.fma(b1, a21);
                x = FloatVector.broadcast(S, cols[base + 3 * t + u]);
                a30 = x.fma(b0, a30);
                a31 = x.fma(b1, a31);
            }
        }
        a00.intoArray(acc, c0);
        a01.intoArray(acc, c0 + L);
        a10.intoArray(acc, c0 + mp);
        a11.intoArray(acc, c0 + mp + L);
        a20.intoArray(acc, c0 + 2 * mp);
        a21.intoArray(acc, c0 + 2 * mp + L);
        a30.intoArray(acc, c0 + 3 * mp);
        a31.intoArray(acc, c0 + 3 * mp + L);
    }

    /** {@link #rows4x2} for three rows. */
    private static void rows3x2(float[] cols, int k, int r, float[] dyT, int mp, int v, float[] acc, int tile0,
                                int tile1) {
        int t = 2 * L;
        int c0 = r * mp + v;
        FloatVector a00 = FloatVector.fromArray(S, acc, c0);
        FloatVector a01 = FloatVector.fromArray(S, acc, c0 + L);
        FloatVector a10 = FloatVector.fromArray(S, acc, c0 + mp);
        FloatVector a11 = FloatVector.fromArray(S, acc, c0 + mp + L);
        FloatVector a20 = FloatVector.fromArray(S, acc, c0 + 2 * mp);
        FloatVector a21 = FloatVector.fromArray(S, acc, c0 + 2 * mp + L);
        for (int tile = tile0, bp = v; tile < tile1; tile++) {
            int base = tile * k * t + r * t;
            for (int u = 0; u < t; u++, bp += mp) {
                FloatVector b0 = FloatVector.fromArray(S, dyT, bp);
                FloatVector b1 = FloatVector.fromArray(S, dyT, bp + L);
                FloatVector x = FloatVector.broadcast(S, cols[base + u]);
                a00 = x.fma(b0, a00);
                a01 = x.fma(b1, a01);
                x = FloatVector.broadcast(S, cols[base + t + u]);
                a10 = x.fma(b0, a10);
                a11 = x.fma(b1, a11);
                x = FloatVector.broadcast(S, cols[base + 2 * t + u]);
                a20 = x.fma(b0, a20);
                a21 = x.fma(b1, a21);
            }
        }
        a00.intoArray(acc, c0);
        a01.intoArray(acc, c0 + L);
        a10.intoArray(acc, c0 + mp);
        a11.intoArray(acc, c0 + mp + L);
        a20.intoArray(acc, c0 + 2 * mp);
        a21.intoArray(acc, c0 + 2 * mp + L);
    }

    /** {@link #rows4x2} for one vector. */
    private static void rows4x1(float[] cols, int k, int r, float[] dyT, int mp, int v, float[] acc, int tile0,
                                int tile1) {
        int t = 2 * L;
        int c0 = r * mp + v;
        FloatVector a0 = FloatVector.fromArray(S, acc, c0);
        FloatVector a1 = FloatVector.fromArray(S, acc, c0 + mp);
        FloatVector a2 = FloatVector.fromArray(S, acc, c0 + 2 * mp);
        FloatVector a3 = FloatVector.fromArray(S, acc, c0 + 3 * mp);
        for (int tile = tile0, bp = v; tile < tile1; tile++) {
            int base = tile * k * t + r * t;
            for (int u = 0; u < t; u++, bp += mp) {
                FloatVector b = FloatVector.fromArray(S, dyT, bp);
                a0 = FloatVector.broadcast(S, cols[base + u]).fma(b, a0);
                a1 = FloatVector.broadcast(S, cols[base + t + u]).fma(b, a1);
                a2 = FloatVector.broadcast(S, cols[base + 2 * t + u]).fma(b, a2);
                a3 = FloatVector.broadcast(S, cols[base + 3 * t + u]).fma(b, a3);
            }
        }
        a0.intoArray(acc, c0);
        a1.intoArray(acc, c0 + mp);
        a2.intoArray(acc, c0 + 2 * mp);
        a3.intoArray(acc, c0 + 3 * mp);
    }

    /** {@link #rows4x2} for one row and one vector. */
    private static void row1x1(float[] cols, int k, int r, float[] dyT, int mp, int v, float[] acc, int tile0,
                               int tile1) {
        int t = 2 * L;
        int c0 = r * mp + v;
        FloatVector a = FloatVector.fromArray(S, acc, c0);
        for (int tile = tile0, bp = v; tile < tile1; tile++) {
            int base = tile * k * t + r * t;
            for (int u = 0; u < t; u++, bp += mp) {
                a = FloatVector.broadcast(S, cols[base + u]).fma(FloatVector.fromArray(S, dyT, bp), a);
            }
        }
        a.intoArray(acc, c0);
    }

    /**
     * The ReLU's backward pass on rows of a layer's output and the bias gradient: {@code dy[r][q] = 0} where
     * {@code y[r][q] <= 0}, then {@code biasGrad[r] = sum_q dy[r][q]} (overwritten).
     */
    public static void reluBackward(float[] y, int yOff, float[] dy, int dyOff, int rows, int cols,
                                    float[] biasGrad) {
        reluBackward(y, yOff, dy, dyOff, rows, cols, biasGrad, 0);
    }

    /** {@link #reluBackward} with the bias gradient of the first row written at {@code biasGrad[biasOff]}. */
    public static void reluBackward(float[] y, int yOff, float[] dy, int dyOff, int rows, int cols,
                                    float[] biasGrad, int biasOff) {
        for (int r = 0; r < rows; r++) {
            int yo = yOff + r * cols;
            int go = dyOff + r * cols;
            FloatVector s = FloatVector.zero(S);
            int q = 0;
            for (; q + L <= cols; q += L) {
                VectorMask<Float> dead = FloatVector.fromArray(S, y, yo + q).compare(VectorOperators.LE, 0f);
                FloatVector g = FloatVector.fromArray(S, dy, go + q).blend(0f, dead);
                g.intoArray(dy, go + q);
                s = s.add(g);
            }
            if (q < cols) {
                VectorMask<Float> mask = S.indexInRange(q, cols);
                VectorMask<Float> dead = FloatVector.fromArray(S, y, yo + q, mask).compare(VectorOperators.LE, 0f);
                FloatVector g = FloatVector.fromArray(S, dy, go + q, mask).blend(0f, dead);
                g.intoArray(dy, go + q, mask);
                s = s.add(g);
            }
            if (biasGrad != null) {
                biasGrad[biasOff + r] = sum(s);
            }
        }
    }
}
