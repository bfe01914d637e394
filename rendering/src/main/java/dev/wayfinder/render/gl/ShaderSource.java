package dev.wayfinder.render.gl;

/**
 * GLSL 3.30 sources of the one scene program: instanced unit meshes placed by a per-instance pose and
 * size, procedural materials evaluated in the fragment shader from per-instance parameters (no texture
 * files), ambient plus one directional light, exponential fog, and a second colour attachment carrying the
 * segmentation id.
 */
final class ShaderSource {
    private ShaderSource() {}

    static final String VERTEX = """
            #version 330 core
            layout(location = 0) in vec3 aPos;
            layout(location = 1) in vec3 aNormal;
            layout(location = 7) in float aAngle;     // around a cylinder, radians (0 for boxes)
            layout(location = 2) in vec4 iPoseYaw;    // base centre (x, y, z bottom), yaw
            layout(location = 3) in vec4 iSizeScale;  // size (x, y, z) in metres, texture scale
            layout(location = 4) in vec3 iColor1;     // linear RGB
            layout(location = 5) in vec3 iColor2;     // linear RGB
            layout(location = 6) in ivec2 iKindSeg;   // texture kind, segmentation id

            uniform mat4 uView;
            uniform mat4 uProj;
            uniform int uCylinder;      // 1 while drawing cylinders

            out vec2 vUv;
            out vec3 vWorldN;
            out float vDist;
            flat out vec3 vC1;
            flat out vec3 vC2;
            flat out float vScale;
            flat out int vSeg;

            void main() {
                vec3 local = aPos * iSizeScale.xyz;
                float c = cos(iPoseYaw.w);
                float s = sin(iPoseYaw.w);
                vec3 world = vec3(c * local.x - s * local.y, s * local.x + c * local.y, local.z) + iPoseYaw.xyz;
                vWorldN = vec3(c * aNormal.x - s * aNormal.y, s * aNormal.x + c * aNormal.y, aNormal.z);
                vec4 eye = uView * vec4(world, 1.0);
                vDist = length(eye.xyz);
                gl_Position = uProj * eye;
                // Texture coordinates in metres on the surface: box faces are flat, so choosing the plane
                // per vertex is exact; cylinder sides unroll by angle times radius.
                if (abs(aNormal.z) > 0.5) {
                    vUv = local.xy;
                } else if (uCylinder == 1) {
                    vUv = vec2(aAngle * 0.5 * iSizeScale.x, local.z);
                } else if (abs(aNormal.x) > abs(aNormal.y)) {
                    vUv = local.yz;
                } else {
                    vUv = local.xz;
                }
                vC1 = iColor1;
                vC2 = iColor2;
                vScale = iSizeScale.w;
                vSeg = iKindSeg.y;
            }
            """;

    /** The fragment shader specialised for texture kind {@code kind} (0..6, TextureKind order). */
    static String fragment(int kind) {
        return FRAGMENT.replace("#define KIND 0", "#define KIND " + kind);
    }

    private static final String FRAGMENT = """
            #version 330 core
            #define KIND 0
            in vec2 vUv;
            in vec3 vWorldN;
            in float vDist;
            flat in vec3 vC1;
            flat in vec3 vC2;
            flat in float vScale;
            flat in int vSeg;

            uniform vec3 uToLight;      // unit vector toward the light, world frame
            uniform vec3 uLightColor;   // linear, times intensity
            uniform float uAmbient;
            uniform vec3 uFogColor;     // linear
            uniform float uFogDensity;  // per metre

            layout(location = 0) out vec4 oColor;
            layout(location = 1) out uint oSeg;

            uint hash(uvec2 p) {
                uint h = p.x * 0x8da6b343u ^ p.y * 0xd8163841u;
                h ^= h >> 16; h *= 0x7feb352du;
                h ^= h >> 15; h *= 0x846ca68bu;
                h ^= h >> 16;
                return h;
            }

            float cellRandom(vec2 cell) {
                return float(hash(uvec2(ivec2(cell))) >> 8) * (1.0 / 16777216.0);
            }

            float valueNoise(vec2 p) {
                vec2 i = floor(p);
                vec2 f = fract(p);
                f = f * f * (3.0 - 2.0 * f);
                float a = cellRandom(i);
                float b = cellRandom(i + vec2(1.0, 0.0));
                float c = cellRandom(i + vec2(0.0, 1.0));
                float d = cellRandom(i + vec2(1.0, 1.0));
                return mix(mix(a, b, f.x), mix(c, d, f.x), f.y);
            }

            // Texture kinds: 0 solid, 1 checker, 2 stripes, 3 noise, 4 brick, 5 wood, 6 concrete. One program
            // per kind: llvmpipe evaluates both sides of data-dependent branches, so a switch costs all cases.
            // Returns (weight of colour 2, brightness factor).
            vec2 pattern(vec2 uv, float s) {
            #if KIND == 1
                vec2 q = floor(uv / s);
                return vec2(mod(q.x + q.y, 2.0), 1.0);
            #elif KIND == 2
                return vec2(step(0.5, fract(uv.x / s)), 1.0);
            #elif KIND == 3
                vec2 p = uv / s;
                float n = 0.65 * valueNoise(p) + 0.35 * valueNoise(p * 2.7 + 17.0);
                return vec2(smoothstep(0.25, 0.75, n), 1.0);
            #elif KIND == 4
                float h = s * 0.4;
                float row = floor(uv.y / h);
                float u = uv.x / s + 0.5 * mod(row, 2.0);
                vec2 f = vec2(fract(u) * s, fract(uv.y / h) * h);
                float m = 0.06 * h;
                float mortar = (f.x < m || f.y < m) ? 1.0 : 0.0;
                float shade = 0.88 + 0.24 * cellRandom(vec2(floor(u), row) + 311.0);
                return vec2(mortar, mortar > 0.5 ? 1.0 : shade);
            #elif KIND == 5
                float plank = floor(uv.y / s);
                float along = uv.x / s + 7.3 * cellRandom(vec2(plank, 5.0));
                float grain = valueNoise(vec2(along * 1.5, uv.y / s * 9.0)) * 2.5;
                float rings = 0.5 + 0.5 * sin((uv.y / s * 5.0 + grain) * 6.2831853);
                float seam = fract(uv.y / s) < 0.03 ? 1.0 : 0.0;
                return vec2(max(rings * 0.7, seam), 0.9 + 0.2 * cellRandom(vec2(plank, 9.0)));
            #elif KIND == 6
                float base = 0.9 + 0.2 * valueNoise(uv / (s * 4.0));
                float speck = step(0.9, cellRandom(floor(uv / (s * 0.15))));
                return vec2(speck * 0.8, base);
            #else
                return vec2(0.0, 1.0);
            #endif
            }

            void main() {
                vec2 p = pattern(vUv, vScale);
                vec3 albedo = mix(vC1, vC2, p.x) * p.y;
                vec3 wn = normalize(vWorldN);
                float diffuse = max(dot(wn, uToLight), 0.0);
                float sky = 0.8 + 0.2 * wn.z;
                vec3 lit = albedo * (uAmbient * sky + diffuse * uLightColor);
                float fog = exp(-uFogDensity * vDist);
                lit = mix(uFogColor, lit, fog);
                oColor = vec4(sqrt(clamp(lit, 0.0, 1.0)), 1.0);
                oSeg = uint(vSeg);
            }
            """;
}
