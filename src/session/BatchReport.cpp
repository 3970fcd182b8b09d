#include "session/BatchReport.h"

#include "session/JsonWriter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>
#include <map>
#include <stdexcept>

namespace fxrack::session {
namespace {

const char* statusOf(const io::BatchResult& r)
{
    if (r.skipped)
        return "skipped";
    if (r.ok)
        return "done";
    return r.cancelled ? "cancelled" : "failed";
}

int rank(const QString& status)
{
    if (status == QLatin1String("done"))
        return 3;
    if (status == QLatin1String("skipped"))
        return 2;
    return status == QLatin1String("failed") ? 1 : 0;
}

void writeSummary(JsonWriter& w, int inputs, int done, int skipped, int failed, double seconds)
{
    w.key(std::string_view("summary"));
    w.beginObject();
    w.number("inputs", inputs);
    w.number("done", done);
    w.number("skipped", skipped);
    w.number("failed", failed);
    w.number("seconds", seconds);
    w.endObject();
}

// JSON has no infinity: silence reads null.
void finiteOrNull(JsonWriter& w, std::string_view name, double value)
{
    w.key(name);
    if (std::isfinite(value))
        w.value(value);
    else
        w.value(QJsonValue(QJsonValue::Null));
}

} // namespace

void writeLoudness(JsonWriter& w, const io::LoudnessStats& s)
{
    w.beginObject();
    finiteOrNull(w, "integrated_lufs", s.integratedLufs);
    finiteOrNull(w, "loudness_range_lu", s.loudnessRange);
    finiteOrNull(w, "true_peak_dbtp", s.truePeakDb);
    finiteOrNull(w, "sample_peak_dbfs", s.samplePeakDb);
    finiteOrNull(w, "rms_dbfs", s.rmsDb);
    w.number("duration_seconds", s.durationSeconds());
    w.number("frames", static_cast<double>(s.frames));
    w.number("sample_rate", s.sampleRate);
    w.number("channels", s.channels);
    w.endObject();
}

QByteArray batchReportJson(const std::vector<io::BatchResult>& results, const std::vector<size_t>& indices,
                           double seconds, const BatchReportShard& shard)
{
    JsonWriter w;
    w.beginObject();
    w.number("fxrack_batch_report", 1);
    w.key(std::string_view("shard"));
    w.beginObject();
    w.number("index", shard.index);
    w.number("count", shard.count);
    w.endObject();
    w.key(std::string_view("records"));
    w.beginArray();
    int done = 0, skipped = 0, failed = 0;
    for (size_t k = 0; k < results.size(); ++k) {
        const io::BatchResult& r = results[k];
        done += r.ok && !r.skipped;
        skipped += r.skipped;
        failed += !r.ok;
        w.beginObject();
        w.number("index", static_cast<double>(k < indices.size() ? indices[k] : k));
        w.text("input", r.job.input);
        w.text("output", r.job.output);
        w.text("status", statusOf(r));
        w.text("error", r.error);
        const bool ran = r.ok && !r.skipped;
        w.number("seconds", ran ? r.report.seconds : 0.0);
        w.number("frames", ran ? static_cast<double>(r.report.framesWritten) : 0.0);
        w.number("clipped_samples", ran ? static_cast<double>(r.report.clippedSamples) : 0.0);
        w.text("device", ran ? io::computeDeviceName(r.report.device.device) : std::string_view());
        w.key(std::string_view("tags_dropped"));
        w.beginArray();
        for (const auto& tag : ran ? r.report.tagsDropped : std::vector<std::string>{})
            w.value(std::string_view(tag));
        w.endArray();
        if (ran && r.report.before && r.report.after) {
            finiteOrNull(w, "lufs_before", r.report.before->integratedLufs);
            finiteOrNull(w, "lufs_after", r.report.after->integratedLufs);
            finiteOrNull(w, "true_peak_after", r.report.after->truePeakDb);
            w.key(std::string_view("before"));
            writeLoudness(w, *r.report.before);
            w.key(std::string_view("after"));
            writeLoudness(w, *r.report.after);
        }
        w.endObject();
    }
    w.endArray();
    writeSummary(w, static_cast<int>(results.size()), done, skipped, failed, seconds);
    w.endObject();
    return w.finish();
}

QByteArray mergeBatchReports(const QStringList& partPaths)
{
    std::map<QString, QJsonObject> best; // by input
    double seconds = 0.0;
    for (const QString& path : partPaths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw std::runtime_error(path.toStdString() + ": cannot read the report (" +
                                     file.errorString().toStdString() + ")");
        QJsonParseError error{};
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
        const QJsonObject root = doc.object();
        if (error.error != QJsonParseError::NoError || !root.contains(QLatin1String("fxrack_batch_report")))
            throw std::runtime_error(path.toStdString() + ": not an fxrack batch report");
        seconds += root.value(QLatin1String("summary")).toObject().value(QLatin1String("seconds")).toDouble();
        for (const auto& value : root.value(QLatin1String("records")).toArray()) {
            const QJsonObject record = value.toObject();
            const QString input = record.value(QLatin1String("input")).toString();
            auto it = best.find(input);
            if (it == best.end() || rank(record.value(QLatin1String("status")).toString()) >
                                        rank(it->second.value(QLatin1String("status")).toString()))
                best[input] = record;
        }
    }
    std::vector<QJsonObject> records;
    for (auto& [input, record] : best)
        records.push_back(record);
    std::stable_sort(records.begin(), records.end(), [](const QJsonObject& a, const QJsonObject& b) {
        return a.value(QLatin1String("index")).toDouble() < b.value(QLatin1String("index")).toDouble();
    });
    JsonWriter w;
    w.beginObject();
    w.number("fxrack_batch_report", 1);
    w.number("parts", partPaths.size());
    w.key(std::string_view("records"));
    w.beginArray();
    int done = 0, skipped = 0, failed = 0;
    static const char* const order[] = {"index",           "input",        "output",      "status",
                                        "error",           "seconds",      "frames",      "clipped_samples",
                                        "device",          "tags_dropped", "lufs_before", "lufs_after",
                                        "true_peak_after", "before",       "after"};
    for (const QJsonObject& record : records) {
        const QString status = record.value(QLatin1String("status")).toString();
        done += status == QLatin1String("done");
        skipped += status == QLatin1String("skipped");
        failed += rank(status) < 2;
        w.beginObject();
        for (const char* key : order)
            if (record.contains(QLatin1String(key))) {
                w.key(std::string_view(key));
                w.value(record.value(QLatin1String(key)));
            }
        for (auto it = record.begin(); it != record.end(); ++it) // fields added later, kept
            if (std::find_if(std::begin(order), std::end(order), [&](const char* k) {
                    return it.key() == QLatin1String(k);
                }) == std::end(order)) {
                w.key(it.key());
                w.value(it.value());
            }
        w.endObject();
    }
    w.endArray();
    writeSummary(w, static_cast<int>(records.size()), done, skipped, failed, seconds);
    w.endObject();
    return w.finish();
}

} // namespace fxrack::session
