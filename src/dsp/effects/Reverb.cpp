#include "dsp/effects/Reverb.h"

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <cmath>

namespace fxrack::dsp {
namespace {

// Freeverb's tunings at 44.1 kHz.
constexpr std::array<int, Reverb::kCombs> kCombTuning{1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
constexpr std::array<int, Reverb::kAllPasses> kAllPassTuning{556, 441, 341, 225};
constexpr int kStereoSpread = 23;
constexpr float kFixedGain = 0.015f;
constexpr float kWetScale = 3.0f;
constexpr float kAllPassFeedback = 0.5f;
// Parameter changes are smoothed, but coefficients are refreshed per sub-block of this size.
constexpr int kRampChunk = 64;

#if defined(__SSE2__)
// Four frames of four combs: loads them as rows (one comb each), adds them into `sum`, transposes
// them into columns (one frame each) so the damping recursion runs on the four combs at once,
// and stores the new values back as rows.
inline void combQuadStep(float* const* comb, int i, __m128& s, __m128& sum, __m128 xv, __m128 d, __m128 d2,
                         __m128 fb) noexcept
{
    __m128 r0 = _mm_loadu_ps(comb[0] + i);
    __m128 r1 = _mm_loadu_ps(comb[1] + i);
    __m128 r2 = _mm_loadu_ps(comb[2] + i);
    __m128 r3 = _mm_loadu_ps(comb[3] + i);
    sum = _mm_add_ps(_mm_add_ps(_mm_add_ps(_mm_add_ps(sum, r0), r1), r2), r3);
    _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
    s = _mm_add_ps(_mm_mul_ps(r0, d2), _mm_mul_ps(s, d));
    r0 = _mm_add_ps(_mm_shuffle_ps(xv, xv, _MM_SHUFFLE(0, 0, 0, 0)), _mm_mul_ps(s, fb));
    s = _mm_add_ps(_mm_mul_ps(r1, d2), _mm_mul_ps(s, d));
    r1 = _mm_add_ps(_mm_shuffle_ps(xv, xv, _MM_SHUFFLE(1, 1, 1, 1)), _mm_mul_ps(s, fb));
    s = _mm_add_ps(_mm_mul_ps(r2, d2), _mm_mul_ps(s, d));
    r2 = _mm_add_ps(_mm_shuffle_ps(xv, xv, _MM_SHUFFLE(2, 2, 2, 2)), _mm_mul_ps(s, fb));
    s = _mm_add_ps(_mm_mul_ps(r3, d2), _mm_mul_ps(s, d));
    r3 = _mm_add_ps(_mm_shuffle_ps(xv, xv, _MM_SHUFFLE(3, 3, 3, 3)), _mm_mul_ps(s, fb));
    _MM_TRANSPOSE4_PS(r0, r1, r2, r3);
    _mm_storeu_ps(comb[0] + i, r0);
    _mm_storeu_ps(comb[1] + i, r1);
    _mm_storeu_ps(comb[2] + i, r2);
    _mm_storeu_ps(comb[3] + i, r3);
}

// The eight combs of `Banks` channels over frames [0, n4), n4 a multiple of 4, each bank writing
// the sum of its combs to its `out`. The banks' groups of four interleave, so one recursion hides
// another's latency. Same operations in the same order as the scalar loop, so the same bits.
template <int Banks>
void combBanks(float* const (&comb)[2][8], float (&store)[2][8], const float* x, float* const (&out)[2],
               int n4, float damp, float damp2, float feedback) noexcept
{
    __m128 s[Banks][2];
    for (int b = 0; b < Banks; ++b) {
        s[b][0] = _mm_loadu_ps(store[b]);
        s[b][1] = _mm_loadu_ps(store[b] + 4);
    }
    const __m128 d = _mm_set1_ps(damp);
    const __m128 d2 = _mm_set1_ps(damp2);
    const __m128 fb = _mm_set1_ps(feedback);
    for (int i = 0; i < n4; i += 4) {
        const __m128 xv = _mm_loadu_ps(x + i);
        for (int b = 0; b < Banks; ++b) {
            __m128 sum = _mm_setzero_ps();
            combQuadStep(comb[b], i, s[b][0], sum, xv, d, d2, fb);
            combQuadStep(comb[b] + 4, i, s[b][1], sum, xv, d, d2, fb);
            _mm_storeu_ps(out[b] + i, sum);
        }
    }
    for (int b = 0; b < Banks; ++b) {
        _mm_storeu_ps(store[b], s[b][0]);
        _mm_storeu_ps(store[b] + 4, s[b][1]);
    }
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#define FXRACK_REVERB_AVX 1
// Decided once, before main: the audio thread must not meet a function-local static's guard.
const bool kHaveAvx = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx") != 0;
}();

__attribute__((target("avx"))) inline void transpose8(__m256 (&r)[8]) noexcept
{
    const __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]);
    const __m256 t1 = _mm256_unpackhi_ps(r[0], r[1]);
    const __m256 t2 = _mm256_unpacklo_ps(r[2], r[3]);
    const __m256 t3 = _mm256_unpackhi_ps(r[2], r[3]);
    const __m256 t4 = _mm256_unpacklo_ps(r[4], r[5]);
    const __m256 t5 = _mm256_unpackhi_ps(r[4], r[5]);
    const __m256 t6 = _mm256_unpacklo_ps(r[6], r[7]);
    const __m256 t7 = _mm256_unpackhi_ps(r[6], r[7]);
    const __m256 u0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
    const __m256 u1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
    const __m256 u2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
    const __m256 u3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
    const __m256 u4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0));
    const __m256 u5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
    const __m256 u6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0));
    const __m256 u7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
    r[0] = _mm256_permute2f128_ps(u0, u4, 0x20);
    r[1] = _mm256_permute2f128_ps(u1, u5, 0x20);
    r[2] = _mm256_permute2f128_ps(u2, u6, 0x20);
    r[3] = _mm256_permute2f128_ps(u3, u7, 0x20);
    r[4] = _mm256_permute2f128_ps(u0, u4, 0x31);
    r[5] = _mm256_permute2f128_ps(u1, u5, 0x31);
    r[6] = _mm256_permute2f128_ps(u2, u6, 0x31);
    r[7] = _mm256_permute2f128_ps(u3, u7, 0x31);
}

// combBanks with AVX over frames [0, n8), n8 a multiple of 8: eight frames of all eight combs
// per step, one 8x8 transpose each way instead of four 4x4 ones. Same operations in the same
// order as the scalar loop, so the same bits.
template <int Banks>
__attribute__((target("avx"))) void combBanksAvx(float* const (&comb)[2][8], float (&store)[2][8],
                                                 const float* x, float* const (&out)[2], int n8, float damp,
                                                 float damp2, float feedback) noexcept
{
    __m256 s[Banks];
    for (int b = 0; b < Banks; ++b)
        s[b] = _mm256_loadu_ps(store[b]);
    const __m256 d = _mm256_set1_ps(damp);
    const __m256 d2 = _mm256_set1_ps(damp2);
    const __m256 fb = _mm256_set1_ps(feedback);
    for (int i = 0; i < n8; i += 8) {
        for (int b = 0; b < Banks; ++b) {
            __m256 r[8];
            __m256 sum = _mm256_setzero_ps();
            for (int k = 0; k < 8; ++k) {
                r[k] = _mm256_loadu_ps(comb[b][k] + i);
                sum = _mm256_add_ps(sum, r[k]);
            }
            _mm256_storeu_ps(out[b] + i, sum);
            transpose8(r);
            for (int t = 0; t < 8; ++t) {
                s[b] = _mm256_add_ps(_mm256_mul_ps(r[t], d2), _mm256_mul_ps(s[b], d));
                r[t] = _mm256_add_ps(_mm256_broadcast_ss(x + i + t), _mm256_mul_ps(s[b], fb));
            }
            transpose8(r);
            for (int k = 0; k < 8; ++k)
                _mm256_storeu_ps(comb[b][k] + i, r[k]);
        }
    }
    for (int b = 0; b < Banks; ++b)
        _mm256_storeu_ps(store[b], s[b]);
}
#endif

// Freeverb's tunings scaled to the rate, and only rounded to a whole sample: they share no
// common factor, so the combs' resonances do not coincide. (Rounded to multiples of 8, every comb
// of every channel rings at fs/8 and its multiples, a metallic tone in the tail.)
int lineLength(int tuning, int spread, double scale)
{
    return static_cast<int>(std::max(1L, std::lround((tuning + spread) * scale)));
}

float feedbackFor(double roomSize)
{
    return static_cast<float>(roomSize * 0.28 + 0.7);
}

} // namespace

void Reverb::Line::allocate(int samples)
{
    length = samples;
    index = 0;
    buffer.assign(static_cast<size_t>(samples) + kRampChunk, 0.0f);
}

float* Reverb::Line::startRun(int run) noexcept
{
    const int over = index + run - length;
    if (over > 0)
        std::copy_n(buffer.data(), over, buffer.data() + length);
    return buffer.data() + index;
}

void Reverb::Line::finishRun(int run) noexcept
{
    index += run;
    if (index >= length) {
        index -= length;
        std::copy_n(buffer.data() + length, index, buffer.data());
    }
}

EffectType Reverb::describe()
{
    EffectType type{"Reverb",
                    "effect",
                    {linearParam("room_size", 0.5, 0.0, 1.0), linearParam("damping", 0.5, 0.0, 1.0),
                     linearParam("mix", 0.33, 0.0, 1.0), linearParam("width", 1.0, 0.0, 1.0)},
                    "Freeverb-style room reverb",
                    {}};
    // Its own mix: Freeverb's output stage folds the mix into the dry and width gains
    // (x * (1 - mix) + mix * (w1 * own + w2 * partner)) in the one pass that also spreads the
    // stereo image, and ramps it per 64-sample chunk with the other knobs; the base would add a
    // second pass over the block and ramp per sample, which changes the output's last bits.
    type.mix = MixSource::Effect;
    return type;
}

void Reverb::doPrepare(const ProcessSpec& spec)
{
    const double scale = spec.sampleRate / 44100.0;
    m_channels.assign(static_cast<size_t>(spec.numChannels), Channel{});
    for (int c = 0; c < spec.numChannels; ++c) {
        auto& ch = m_channels[static_cast<size_t>(c)];
        const int spread = kStereoSpread * c;
        for (int i = 0; i < kCombs; ++i)
            ch.combs[static_cast<size_t>(i)].allocate(
                lineLength(kCombTuning[static_cast<size_t>(i)], spread, scale));
        for (int i = 0; i < kAllPasses; ++i)
            ch.allPasses[static_cast<size_t>(i)].allocate(
                lineLength(kAllPassTuning[static_cast<size_t>(i)], spread, scale));
    }
    // Channel 0 has the shortest lines (no spread); below 44.1 kHz a line can be shorter than a
    // ramp chunk (225 samples at 44.1 kHz are 41 at 8 kHz).
    m_maxRun = kRampChunk;
    if (!m_channels.empty()) {
        for (const auto& line : m_channels.front().combs)
            m_maxRun = std::min(m_maxRun, line.length);
        for (const auto& line : m_channels.front().allPasses)
            m_maxRun = std::min(m_maxRun, line.length);
    }
    m_wet.assign(static_cast<size_t>(spec.numChannels) * kRampChunk, 0.0f);
}

void Reverb::doReset() noexcept
{
    for (auto& ch : m_channels) {
        for (auto& line : ch.combs) {
            std::fill(line.buffer.begin(), line.buffer.end(), 0.0f);
            line.index = 0;
        }
        ch.combStore.fill(0.0f);
        for (auto& line : ch.allPasses) {
            std::fill(line.buffer.begin(), line.buffer.end(), 0.0f);
            line.index = 0;
        }
    }
}

double Reverb::tailSeconds() const noexcept
{
    // Time for the longest comb to decay by 60 dB. Each channel's lines are longer by the spread,
    // so the last channel's longest comb sets it (a stereo pair until prepared).
    const double feedback = feedbackFor(param(RoomSize));
    const int channels = std::max(2, static_cast<int>(m_channels.size()));
    const double longest = (kCombTuning.back() + kStereoSpread * (channels - 1)) / 44100.0;
    return std::min(30.0, longest * std::log(1e-3) / std::log(feedback));
}

int Reverb::controlInterval() const noexcept
{
    return kRampChunk;
}

void Reverb::doProcess(AudioBlock& block) noexcept
{
    // While a ramp runs the base hands over at most one control interval, with the ramps at its
    // end; otherwise the values hold for the whole block, run in pieces of the wet buffer's size.
    const double room = smoothed(RoomSize);
    const double damping = smoothed(Damping);
    const double mix = smoothed(Mix);
    const double width = smoothed(Width);
    const float wet = static_cast<float>(mix) * kWetScale;
    const int n = block.numFrames();
    for (int start = 0; start < n; start += kRampChunk)
        processFrames(block, start, std::min(kRampChunk, n - start), feedbackFor(room),
                      static_cast<float>(damping * 0.4), wet * static_cast<float>(width / 2 + 0.5),
                      wet * static_cast<float>((1 - width) / 2), static_cast<float>(1.0 - mix));
}

void Reverb::allPasses(Channel& ch, float* out, int run) noexcept
{
    // The four all-passes in series, frame by frame: `out` is loaded and stored once instead of
    // four times. A run is no longer than any line, so no frame reads what this run wrote.
    float* buffer[kAllPasses];
    for (int k = 0; k < kAllPasses; ++k)
        buffer[k] = ch.allPasses[static_cast<size_t>(k)].startRun(run);
    int i = 0;
#if defined(__SSE2__)
    const __m128 half = _mm_set1_ps(kAllPassFeedback);
    for (; i + 4 <= run; i += 4) {
        __m128 o = _mm_loadu_ps(out + i);
        for (int k = 0; k < kAllPasses; ++k) {
            const __m128 buffered = _mm_loadu_ps(buffer[k] + i);
            _mm_storeu_ps(buffer[k] + i, _mm_add_ps(o, _mm_mul_ps(buffered, half)));
            o = _mm_sub_ps(buffered, o);
        }
        _mm_storeu_ps(out + i, o);
    }
#endif
    for (; i < run; ++i) {
        float o = out[i];
        for (int k = 0; k < kAllPasses; ++k) {
            const float buffered = buffer[k][i];
            buffer[k][i] = o + buffered * kAllPassFeedback;
            o = buffered - o;
        }
        out[i] = o;
    }
    for (auto& line : ch.allPasses)
        line.finishRun(run);
}

void Reverb::processFrames(AudioBlock& block, int start, int count, float feedback, float damp, float wet1,
                           float wet2, float dry) noexcept
{
    const int channels = std::min(block.numChannels(), static_cast<int>(m_channels.size()));
    const float damp2 = 1.0f - damp;
    const float inputGain = kFixedGain * (channels > 1 ? 1.0f : 2.0f);
    // Every channel's bank hears the same mono sum, as in Freeverb; the spread makes them differ.
    float in[kRampChunk];
    std::fill_n(in, count, 0.0f);
    for (int k = 0; k < channels; ++k) {
        const float* x = block.channel(k) + start;
        for (int i = 0; i < count; ++i)
            in[i] += x[i];
    }
    for (int i = 0; i < count; ++i)
        in[i] *= inputGain;
    // Channels go in pairs: two banks in one loop keep four independent recursions in flight.
    for (int c0 = 0; c0 < channels; c0 += 2) {
        const int banks = std::min(2, channels - c0);
        Channel* bank[2] = {&m_channels[static_cast<size_t>(c0)],
                            &m_channels[static_cast<size_t>(c0 + banks - 1)]};
        int done = 0;
        while (done < count) {
            // Every line is a plain pointer for the whole run (a line's end is bridged by its
            // guard), so the comb recursions run side by side without branches, SIMD-wide
            // whatever the lines' lengths. No run is longer than a line, so no slot is visited
            // twice in one.
            const int run = std::min(count - done, m_maxRun);
            float* comb[2][kCombs];
            float store[2][kCombs];
            float* out[2];
            for (int b = 0; b < banks; ++b) {
                for (int j = 0; j < kCombs; ++j) {
                    comb[b][j] = bank[b]->combs[static_cast<size_t>(j)].startRun(run);
                    store[b][j] = bank[b]->combStore[static_cast<size_t>(j)];
                }
                out[b] = m_wet.data() + static_cast<size_t>(c0 + b) * kRampChunk + done;
            }
            const float* x = in + done;
            int first = 0;
#if defined(__SSE2__)
            static_assert(kCombs == 8);
            int wide = 0;
#if defined(FXRACK_REVERB_AVX)
            if (kHaveAvx) {
                wide = run & ~7;
                if (banks == 2)
                    combBanksAvx<2>(comb, store, x, out, wide, damp, damp2, feedback);
                else
                    combBanksAvx<1>(comb, store, x, out, wide, damp, damp2, feedback);
            }
#endif
            first = run & ~3;
            if (first > wide) {
                float* shifted[2][kCombs];
                float* shiftedOut[2];
                for (int b = 0; b < banks; ++b) {
                    for (int j = 0; j < kCombs; ++j)
                        shifted[b][j] = comb[b][j] + wide;
                    shiftedOut[b] = out[b] + wide;
                }
                if (banks == 2)
                    combBanks<2>(shifted, store, x + wide, shiftedOut, first - wide, damp, damp2, feedback);
                else
                    combBanks<1>(shifted, store, x + wide, shiftedOut, first - wide, damp, damp2, feedback);
            }
#endif
            for (int b = 0; b < banks; ++b) {
                for (int i = first; i < run; ++i) {
                    float sum = 0.0f;
                    for (int j = 0; j < kCombs; ++j) {
                        const float y = comb[b][j][i];
                        store[b][j] = y * damp2 + store[b][j] * damp;
                        comb[b][j][i] = x[i] + store[b][j] * feedback;
                        sum += y;
                    }
                    out[b][i] = sum;
                }
                for (int j = 0; j < kCombs; ++j) {
                    bank[b]->combStore[static_cast<size_t>(j)] = store[b][j];
                    bank[b]->combs[static_cast<size_t>(j)].finishRun(run);
                }
                allPasses(*bank[b], out[b], run);
            }
            done += run;
        }
    }
    // Width mixes each channel with its stereo partner (0<->1, 2<->3, ...).
    for (int c = 0; c < channels; ++c) {
        const int partner = (c ^ 1) < channels ? (c ^ 1) : c;
        const float* own = m_wet.data() + static_cast<size_t>(c) * kRampChunk;
        const float* other = m_wet.data() + static_cast<size_t>(partner) * kRampChunk;
        float* x = block.channel(c) + start;
        const float w2 = partner == c ? 0.0f : wet2;
        const float w1 = partner == c ? wet1 + wet2 : wet1;
        for (int i = 0; i < count; ++i)
            x[i] = x[i] * dry + own[i] * w1 + other[i] * w2;
    }
}

} // namespace fxrack::dsp
