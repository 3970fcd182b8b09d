#pragma once

#include <QJsonObject>
#include <QStringList>
#include <functional>
#include <vector>

namespace fxrack::session {

// Brings an older document up to the current format_version, one step per version, before
// it is read. Adding format version N+1 means: bump the current version, append the step
// N -> N+1 here, and commit a fixture of a version-N file under tests/session/fixtures/.
class Migration {
public:
    // Upgrades a document of version `from` to `from + 1` in place.
    struct Step {
        int from = 0;
        QString what; // one line for the notice shown after loading
        std::function<void(QJsonObject& document)> apply;
    };

    Migration(int currentVersion, std::vector<Step> steps);
    // The steps of the .fxrack session format (Session::kFormatVersion).
    static const Migration& sessions();

    int currentVersion() const noexcept { return m_current; }

    // Reads document["format_version"], applies the steps from there to currentVersion() and
    // sets format_version to it. Returns the version the document had. Throws SessionError
    // (Version) for a version newer than this build reads, or one that never existed;
    // appends one notice per step applied when `notices` is given.
    int upgrade(QJsonObject& document, QStringList* notices = nullptr) const;

private:
    int m_current;
    std::vector<Step> m_steps;
};

} // namespace fxrack::session
