package dev.wayfinder.inference.backend.device;

import java.util.List;

/**
 * The device kernels, written once in the C subset that OpenCL C and CUDA C++ share, with a short prelude of macros
 * per dialect (address spaces, local memory, barriers, work-item ids, math). Every kernel takes the arena (all
 * activations) first and finds its operands by float offsets into it; weights, int8 weights and integer metadata
 * (broadcast strides) live in three read-only buffers of the loaded plan.
 *
 * <p>Launch geometry is the same in both dialects: global sizes are rounded up to whole work-groups (blocks), and
 * every kernel checks its bounds without returning early, so the tiled kernels reach every barrier.
 */
public final class KernelSource {

    /** The source dialect. */
    public enum Dialect { OPENCL, CUDA }

    /** Edge of the square tiles the GEMM-shaped kernels stage in local (shared) memory. */
    public static final int TILE = 16;
    /** Work-group (block) size of the one-dimensional kernels. */
    public static final int GROUP = 64;

    /** Every kernel the program defines. */
    public static final List<String> KERNELS = List.of("conv_gemm", "dense_int8", "matmul", "binary", "unary", "softmax",
            "pool", "copy_rows");

    private KernelSource() {
    }

    /** The whole program in {@code dialect}: prelude, shared helpers, every kernel. */
    public static String program(Dialect dialect) {
        return prelude(dialect) + BODY;
    }

    private static String prelude(Dialect d) {
        String common = "#define TS " + TILE + "\n#define WF_NEG_MAX (-3.402823466e38f)\n";
        return switch (d) {
            case OPENCL -> """
                    // OpenCL C 1.2 dialect
                    #define KERNEL __kernel
                    #define GLOBAL __global
                    #define CGLOBAL __global const
                    #define SHARED __local
                    #define DEVICE_FN inline
                    #define BARRIER() barrier(CLK_LOCAL_MEM_FENCE)
                    #define GID(d) ((int) get_global_id(d))
                    #define LID(d) ((int) get_local_id(d))
                    #define GRP(d) ((int) get_group_id(d))
                    #define I8 char
                    #define EXPF(x) exp(x)
                    #define TANHF(x) tanh(x)
                    """ + common;
            case CUDA -> """
                    // CUDA C++ dialect (NVRTC)
                    #define KERNEL extern "C" __global__
                    #define GLOBAL
                    #define CGLOBAL const
                    #define SHARED __shared__
                    #define DEVICE_FN __device__ inline
                    #define BARRIER() __syncthreads()
                    __device__ inline int wf_lid(int d) { return d == 0 ? (int) threadIdx.x : d == 1 ? (int) threadIdx.y : (int) threadIdx.z; }
                    __device__ inline int wf_grp(int d) { return d == 0 ? (int) blockIdx.x : d == 1 ? (int) blockIdx.y : (int) blockIdx.z; }
                    __device__ inline int wf_dim(int d) { return d == 0 ? (int) blockDim.x : d == 1 ? (int) blockDim.y : (int) blockDim.z; }
                    #define GID(d) (wf_grp(d) * wf_dim(d) + wf_lid(d))
                    #define LID(d) wf_lid(d)
                    #define GRP(d) wf_grp(d)
                    #define I8 signed char
                    #define EXPF(x) expf(x)
                    #define TANHF(x) tanhf(x)
                    """ + common;
        };
    }

    /** Activation codes, as {@code wf_act} reads them. */
    public static final int ACT_NONE = 0, ACT_RELU = 1, ACT_LEAKY = 2, ACT_TANH = 3, ACT_SIGMOID = 4;

    private static final String BODY = """

            DEVICE_FN float wf_act(float x, int act, float alpha) {
              if (act == 1) return x > 0.0f ? x : 0.0f;
              if (act == 2) return x >= 0.0f ? x : alpha * x;
              if (act == 3) return TANHF(x);
              if (act == 4) return 1.0f / (1.0f + EXPF(-x));
              return x;
            }

            // Convolution (and dense layers, as 1x1 convolutions of 1x1 images) as an implicit GEMM per group:
            // out[m][p] = act(bias[m] + sum_k W[m][k] * X[k][p]), k over (input channel, ky, kx) of the group and
            // p over (image, oy, ox); X is read straight from the NCHW input (no im2col copy). Tiles of TS output
            // channels x TS pixels; a TS-deep slice of W and of X is staged in local memory per step.
            KERNEL void conv_gemm(GLOBAL float* a, CGLOBAL float* wt, int inOff, int outOff, int wOff, int bOff,
                                  int n, int c, int h, int w, int m, int kh, int kw, int sh, int sw, int pt, int pl,
                                  int dh, int dw, int groups, int oh, int ow, int act, float alpha) {
              SHARED float Ws[TS][TS + 1];
              SHARED float Xs[TS][TS + 1];
              int tx = LID(0);
              int ty = LID(1);
              int g = GRP(2);
              int cg = c / groups;
              int mg = m / groups;
              int khw = kh * kw;
              int K = cg * khw;
              int P = n * oh * ow;
              int p = GRP(0) * TS + tx;
              int mo = GRP(1) * TS + ty;
              int pn = 0, poy = 0, pox = 0;
              if (p < P) {
                pn = p / (oh * ow);
                int r = p - pn * oh * ow;
                poy = r / ow;
                pox = r - poy * ow;
              }
              // the pixel whose input this work-item stages: column tx of the tile
              float acc = 0.0f;
              for (int k0 = 0; k0 < K; k0 += TS) {
                int wm = GRP(1) * TS + ty;
                int wk = k0 + tx;
                Ws[ty][tx] = (wm < mg && wk < K) ? wt[wOff + (g * mg + wm) * K + wk] : 0.0f;
                int xk = k0 + ty;
                float v = 0.0f;
                if (xk < K && p < P) {
                  int ci = xk / khw;
                  int r = xk - ci * khw;
                  int ky = r / kw;
                  int kx = r - ky * kw;
                  int iy = poy * sh - pt + ky * dh;
                  int ix = pox * sw - pl + kx * dw;
                  if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                    v = a[inOff + ((pn * c + g * cg + ci) * h + iy) * w + ix];
                  }
                }
                Xs[ty][tx] = v;
                BARRIER();
                for (int t = 0; t < TS; t++) {
                  acc += Ws[ty][t] * Xs[t][tx];
                }
                BARRIER();
              }
              if (mo < mg && p < P) {
                int mm = g * mg + mo;
                a[outOff + ((pn * m + mm) * oh + poy) * ow + pox] = wf_act(acc + wt[bOff + mm], act, alpha);
              }
            }

            // Dense layer with weight-only int8: out[r][j] = act(scale[j] * sum_t x[r][t] q[j][t] + bias[j]).
            KERNEL void dense_int8(GLOBAL float* a, CGLOBAL float* wt, CGLOBAL I8* q, int inOff, int outOff, int qOff,
                                   int sOff, int bOff, int n, int k, int m, int act, float alpha) {
              int id = GID(0);
              if (id < n * m) {
                int r = id / m;
                int j = id - r * m;
                float acc = 0.0f;
                for (int t = 0; t < k; t++) {
                  acc += a[inOff + r * k + t] * (float) q[qOff + j * k + t];
                }
                a[outOff + r * m + j] = wf_act(acc * wt[sOff + j] + wt[bOff + j], act, alpha);
              }
            }

            // Batched matrix product of two arena values, tiled in local memory: out[b] = A[b] (n x k) B[b] (k x m);
            // a batch stride of 0 broadcasts an operand.
            KERNEL void matmul(GLOBAL float* a, int aOff, int bOff, int outOff, int n, int k, int m, int aStride,
                               int bStride) {
              SHARED float As[TS][TS + 1];
              SHARED float Bs[TS][TS + 1];
              int tx = LID(0);
              int ty = LID(1);
              int j = GRP(0) * TS + tx;
              int i = GRP(1) * TS + ty;
              int b = GRP(2);
              int ao = aOff + b * aStride;
              int bo = bOff + b * bStride;
              float acc = 0.0f;
              for (int t0 = 0; t0 < k; t0 += TS) {
                As[ty][tx] = (i < n && t0 + tx < k) ? a[ao + i * k + t0 + tx] : 0.0f;
                Bs[ty][tx] = (t0 + ty < k && j < m) ? a[bo + (t0 + ty) * m + j] : 0.0f;
                BARRIER();
                for (int t = 0; t < TS; t++) {
                  acc += As[ty][t] * Bs[t][tx];
                }
                BARRIER();
              }
              if (i < n && j < m) {
                a[outOff + b * n * m + i * m + j] = acc;
              }
            }

            // Element-wise add (op 0) or multiply (op 1) with broadcasting: meta holds rank, the output's extents and
            // each operand's strides per axis (0 where it broadcasts).
            KERNEL void binary(GLOBAL float* a, CGLOBAL int* meta, int metaOff, int aOff, int bOff, int outOff,
                               int size, int op) {
              int id = GID(0);
              if (id < size) {
                int rank = meta[metaOff];
                int rem = id;
                int ia = aOff;
                int ib = bOff;
                for (int d = rank - 1; d >= 0; d--) {
                  int ext = meta[metaOff + 1 + d];
                  int coord = rem % ext;
                  rem /= ext;
                  ia += coord * meta[metaOff + 1 + rank + d];
                  ib += coord * meta[metaOff + 1 + 2 * rank + d];
                }
                a[outOff + id] = op == 0 ? a[ia] + a[ib] : a[ia] * a[ib];
              }
            }

            KERNEL void unary(GLOBAL float* a, int inOff, int outOff, int size, int act, float alpha) {
              int id = GID(0);
              if (id < size) {
                a[outOff + id] = wf_act(a[inOff + id], act, alpha);
              }
            }

            // Softmax along the middle axis of [outer, axis, inner]: one work-item per (outer, inner) row.
            KERNEL void softmax(GLOBAL float* a, int inOff, int outOff, int outer, int axis, int inner) {
              int id = GID(0);
              if (id < outer * inner) {
                int o = id / inner;
                int i = id - o * inner;
                int base = o * axis * inner + i;
                float mx = WF_NEG_MAX;
                for (int j = 0; j < axis; j++) {
                  float v = a[inOff + base + j * inner];
                  mx = v > mx ? v : mx;
                }
                float sum = 0.0f;
                for (int j = 0; j < axis; j++) {
                  float e = EXPF(a[inOff + base + j * inner] - mx);
                  a[outOff + base + j * inner] = e;
                  sum += e;
                }
                for (int j = 0; j < axis; j++) {
                  a[outOff + base + j * inner] = a[outOff + base + j * inner] / sum;
                }
              }
            }

            // Max (isMax 1) or average pooling over NCHW, one work-item per output value.
            KERNEL void pool(GLOBAL float* a, int inOff, int outOff, int nc, int h, int w, int kh, int kw, int sh,
                             int sw, int pt, int pl, int oh, int ow, int isMax, int countPad) {
              int id = GID(0);
              if (id < nc * oh * ow) {
                int plane = id / (oh * ow);
                int r = id - plane * oh * ow;
                int oy = r / ow;
                int ox = r - oy * ow;
                int ib = inOff + plane * h * w;
                float mx = WF_NEG_MAX;
                float sum = 0.0f;
                int count = 0;
                for (int ky = 0; ky < kh; ky++) {
                  int iy = oy * sh - pt + ky;
                  for (int kx = 0; kx < kw; kx++) {
                    int ix = ox * sw - pl + kx;
                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                      float v = a[ib + iy * w + ix];
                      mx = v > mx ? v : mx;
                      sum += v;
                      count++;
                    }
                  }
                }
                int div = countPad != 0 ? kh * kw : (count > 0 ? count : 1);
                a[outOff + id] = isMax != 0 ? mx : sum / (float) div;
              }
            }

            // Concatenation, one input at a time: rows of chunk floats into rows of dstStride floats.
            KERNEL void copy_rows(GLOBAL float* a, int src, int dst, int rows, int chunk, int dstStride) {
              int id = GID(0);
              if (id < rows * chunk) {
                int r = id / chunk;
                int j = id - r * chunk;
                a[dst + r * dstStride + j] = a[src + r * chunk + j];
              }
            }
            """;
}
