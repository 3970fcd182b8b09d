<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>BatchPanel</name>
    <message>
        <source>Add &amp;Files…</source>
        <translation>&amp;Dateien hinzufügen…</translation>
    </message>
    <message>
        <source>Add F&amp;older…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Leeren</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play the selected result</source>
        <translation>Das gewählte Ergebnis abspielen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop playing</source>
        <translation>Wiedergabe beenden</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Drop audio files or folders here.</source>
        <translation>Audiodateien oder Ordner hierher ziehen.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>Fol&amp;der</source>
        <translation>&amp;Ordner</translation>
    </message>
    <message>
        <source>Beside each input</source>
        <translation>Neben jeder Eingabedatei</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>Ausgabeordner wählen</translation>
    </message>
    <message>
        <source>Name &amp;suffix</source>
        <translation>Namens&amp;zusatz</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>De&amp;vice</source>
        <translation>&amp;Gerät</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Aufträge</translation>
    </message>
    <message>
        <source>C&amp;hunk size</source>
        <translation>&amp;Blockgröße</translation>
    </message>
    <message>
        <source>&amp;Tail</source>
        <translation>&amp;Ausklang</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Chain</source>
        <translation>&amp;Kette</translation>
    </message>
    <message>
        <source>LUFS before</source>
        <translation>LUFS vorher</translation>
    </message>
    <message>
        <source>LUFS after</source>
        <translation>LUFS nachher</translation>
    </message>
    <message>
        <source>True peak</source>
        <translation>True Peak</translation>
    </message>
    <message>
        <source>&amp;Open Output Folder</source>
        <translation>Ausgabeordner ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Save &amp;Report…</source>
        <translation>&amp;Bericht speichern…</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>{stem} and the suffix</source>
        <translation>{stem} und das Suffix</translation>
    </message>
    <message>
        <source>The output&apos;s name without extension: {stem}, {dir}, {index}, {date}, {preset}</source>
        <translation>Name der Ausgabe ohne Endung: {stem}, {dir}, {index}, {date}, {preset}</translation>
    </message>
    <message>
        <source>If it e&amp;xists</source>
        <translation>Falls vorhan&amp;den</translation>
    </message>
    <message>
        <source>&amp;Quality</source>
        <translation>&amp;Qualität</translation>
    </message>
    <message>
        <source>For Ogg Vorbis, Opus and MP3: 0 the smallest, 1 the best</source>
        <translation>Für Ogg Vorbis, Opus und MP3: 0 am kleinsten, 1 am besten</translation>
    </message>
    <message>
        <source>Sample &amp;rate</source>
        <translation>Abtast&amp;rate</translation>
    </message>
    <message>
        <source>Include s&amp;ubfolders (mirrored in the output folder)</source>
        <translation>&amp;Unterordner einbeziehen (im Ausgabeordner gespiegelt)</translation>
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <source>Drive</source>
        <translation>Verzerrung</translation>
    </message>
    <message>
        <source>Dynamics</source>
        <translation>Dynamik</translation>
    </message>
    <message>
        <source>Effects</source>
        <translation>Effekte</translation>
    </message>
    <message>
        <source>Equalizers</source>
        <translation>Equalizer</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filter</translation>
    </message>
    <message>
        <source>Modulation</source>
        <translation>Modulation</translation>
    </message>
</context>
<context>
    <name>Choice</name>
    <message>
        <source>Amplitude</source>
        <translation>Amplitude</translation>
    </message>
    <message>
        <source>Bartlett</source>
        <translation>Bartlett</translation>
    </message>
    <message>
        <source>Blackman</source>
        <translation>Blackman</translation>
    </message>
    <message>
        <source>Rectangular</source>
        <translation>Rechteck</translation>
    </message>
    <message>
        <source>Decibels</source>
        <translation>Dezibel</translation>
    </message>
    <message>
        <source>Hamming</source>
        <translation>Hamming</translation>
    </message>
    <message>
        <source>Hann</source>
        <translation>Hann</translation>
    </message>
    <message>
        <source>Linear</source>
        <translation>Linear</translation>
    </message>
    <message>
        <source>Loudness (LUFS)</source>
        <translation>Lautheit (LUFS)</translation>
    </message>
    <message>
        <source>Mono</source>
        <translation>Mono</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitze</translation>
    </message>
    <message>
        <source>Peak per channel</source>
        <translation>Spitze je Kanal</translation>
    </message>
    <message>
        <source>Percentile</source>
        <translation>Perzentil</translation>
    </message>
    <message>
        <source>Ping-pong</source>
        <translation>Ping-Pong</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>RMS</source>
        <translation>RMS</translation>
    </message>
</context>
<context>
    <name>DeviceBar</name>
    <message>
        <source>A&amp;PI</source>
        <translation>A&amp;PI</translation>
    </message>
    <message>
        <source>&amp;Input</source>
        <translation>&amp;Eingang</translation>
    </message>
    <message>
        <source>&amp;Output</source>
        <translation>&amp;Ausgang</translation>
    </message>
    <message>
        <source>&amp;Rate</source>
        <translation>&amp;Rate</translation>
    </message>
    <message>
        <source>B&amp;uffer</source>
        <translation>P&amp;uffer</translation>
    </message>
    <message>
        <source>In ch.</source>
        <translation>Eing.-Kan.</translation>
    </message>
    <message>
        <source>Out ch.</source>
        <translation>Ausg.-Kan.</translation>
    </message>
    <message>
        <source>Look for audio devices again</source>
        <translation>Erneut nach Audiogeräten suchen</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <source>Buffer: –</source>
        <translation>Puffer: –</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>FXRack</source>
        <translation>FXRack</translation>
    </message>
    <message>
        <source>&amp;Live</source>
        <translation>&amp;Live</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>&amp;Stapel</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>&amp;Voreinstellungen</translation>
    </message>
    <message>
        <source>&amp;Load Preset</source>
        <translation>Voreinstellung &amp;laden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Remove Effect</source>
        <translation>Effekt &amp;entfernen</translation>
    </message>
    <message>
        <source>&amp;Duplicate Effect</source>
        <translation>Effekt &amp;duplizieren</translation>
    </message>
    <message>
        <source>Save Rack as &amp;Preset…</source>
        <translation>Rack als &amp;Voreinstellung speichern…</translation>
    </message>
    <message>
        <source>Save &amp;Effect as Preset…</source>
        <translation>&amp;Effekt als Voreinstellung speichern…</translation>
    </message>
    <message>
        <source>&amp;About FXRack</source>
        <translation>&amp;Über FXRack</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Effect &amp;Palette</source>
        <translation>Effekt&amp;palette</translation>
    </message>
    <message>
        <source>Load E&amp;ffect Preset</source>
        <translation>E&amp;ffekt-Voreinstellung laden</translation>
    </message>
</context>
<context>
    <name>MidiMappingCommand</name>
    <message>
        <source>Add MIDI Mapping</source>
        <translation>MIDI-Zuordnung hinzufügen</translation>
    </message>
    <message>
        <source>Remove MIDI Mapping</source>
        <translation>MIDI-Zuordnung entfernen</translation>
    </message>
    <message>
        <source>Change MIDI Mapping</source>
        <translation>MIDI-Zuordnung ändern</translation>
    </message>
</context>
<context>
    <name>Parameter</name>
    <message>
        <source>on</source>
        <translation>an</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>%1 smp</source>
        <translation>%1 Smp.</translation>
    </message>
    <message>
        <source>Attack</source>
        <translation>Ansprechzeit</translation>
    </message>
    <message>
        <source>Attenuation</source>
        <translation>Dämpfung</translation>
    </message>
    <message>
        <source>Tempo (BPM)</source>
        <translation>Tempo (BPM)</translation>
    </message>
    <message>
        <source>Ceiling</source>
        <translation>Obergrenze</translation>
    </message>
    <message>
        <source>Clamp</source>
        <translation>Begrenzen</translation>
    </message>
    <message>
        <source>Cutoff</source>
        <translation>Grenzfrequenz</translation>
    </message>
    <message>
        <source>Upper cutoff</source>
        <translation>Obere Grenzfrequenz</translation>
    </message>
    <message>
        <source>Damping</source>
        <translation>Dämpfung</translation>
    </message>
    <message>
        <source>Delay (samples)</source>
        <translation>Verzögerung (Samples)</translation>
    </message>
    <message>
        <source>Note value</source>
        <translation>Notenwert</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Tiefe</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Verzerrung</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Rückkopplung</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Frequenz</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>Verstärkung</translation>
    </message>
    <message>
        <source>Gain scale</source>
        <translation>Verstärkungsskala</translation>
    </message>
    <message>
        <source>Gain type</source>
        <translation>Verstärkungsart</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Haltezeit</translation>
    </message>
    <message>
        <source>Knee</source>
        <translation>Knie</translation>
    </message>
    <message>
        <source>Look-ahead</source>
        <translation>Vorausschau</translation>
    </message>
    <message>
        <source>Loudness target</source>
        <translation>Ziel-Lautheit</translation>
    </message>
    <message>
        <source>Make-up</source>
        <translation>Aufholverstärkung</translation>
    </message>
    <message>
        <source>Mix</source>
        <translation>Mischung</translation>
    </message>
    <message>
        <source>Taps</source>
        <translation>Koeffizienten</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Ordnung</translation>
    </message>
    <message>
        <source>Pass DC</source>
        <translation>Gleichanteil durchlassen</translation>
    </message>
    <message>
        <source>Passband ripple</source>
        <translation>Durchlasswelligkeit</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitze</translation>
    </message>
    <message>
        <source>Percentile</source>
        <translation>Perzentil</translation>
    </message>
    <message>
        <source>Q</source>
        <translation>Güte</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>Verhältnis</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Abklingzeit</translation>
    </message>
    <message>
        <source>Ripple</source>
        <translation>Welligkeit</translation>
    </message>
    <message>
        <source>Room size</source>
        <translation>Raumgröße</translation>
    </message>
    <message>
        <source>Stopband attenuation</source>
        <translation>Sperrdämpfung</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>Tone</source>
        <translation>Klang</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Breite</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenster</translation>
    </message>
</context>
<context>
    <name>RackCommands</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>%1 verschieben</translation>
    </message>
    <message>
        <source>Bypass %1</source>
        <translation>%1 umgehen</translation>
    </message>
    <message>
        <source>Enable %1</source>
        <translation>%1 aktivieren</translation>
    </message>
    <message>
        <source>Set %1 %2 to %3</source>
        <translation>%1 %2 auf %3 setzen</translation>
    </message>
    <message>
        <source>Fit the rack to %1 Hz</source>
        <translation>Rack an %1 Hz anpassen</translation>
    </message>
</context>
<context>
    <name>fxrack::app::BatchPanel</name>
    <message>
        <source>Waiting</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Same as input</source>
        <translation>Wie die Eingabe</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA-GPU</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>%1 frames</source>
        <translation>%1 Frames</translation>
    </message>
    <message>
        <source>Add Audio Files</source>
        <translation>Audiodateien hinzufügen</translation>
    </message>
    <message>
        <source>Audio files (*.wav *.flac *.ogg *.oga *.aiff *.aif *.aifc *.caf *.w64 *.rf64 *.au *.opus *.mp3);;All files (*)</source>
        <translation>Audiodateien (*.wav *.flac *.ogg *.oga *.aiff *.aif *.aifc *.caf *.w64 *.rf64 *.au *.opus *.mp3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Add Folder</source>
        <translation>Ordner hinzufügen</translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <source>The live rack</source>
        <translation>Das Live-Rack</translation>
    </message>
    <message>
        <source>Preset: %1</source>
        <translation>Voreinstellung: %1</translation>
    </message>
    <message>
        <source>this build of FXRack has no CUDA support</source>
        <translation>dieser FXRack-Build unterstützt CUDA nicht</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>Nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>CUDA GPU (not available)</source>
        <translation>CUDA-GPU (nicht verfügbar)</translation>
    </message>
    <message>
        <source>CUDA: %1.</source>
        <translation>CUDA: %1.</translation>
    </message>
    <message>
        <source>Add files first.</source>
        <translation>Bitte zuerst Dateien hinzufügen.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>%1 · %2× real time</source>
        <translation>%1 · %2× Echtzeit</translation>
    </message>
    <message>
        <source>%1 done, %2 failed in %3</source>
        <translation>%1 fertig, %2 fehlgeschlagen in %3</translation>
    </message>
    <message>
        <source>Cannot play: %1</source>
        <translation>Abspielen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Playing the result: %1</source>
        <translation>Spielt das Ergebnis: %1</translation>
    </message>
    <message>
        <source>Playing the input: %1</source>
        <translation>Spielt die Eingabedatei: %1</translation>
    </message>
    <message>
        <source>CUDA GPU (%1)</source>
        <translation>CUDA-GPU (%1)</translation>
    </message>
    <message>
        <source>%1 at %2 Hz: %3</source>
        <translation>%1 bei %2 Hz: %3</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>Nicht gestartet: %1</translation>
    </message>
    <message>
        <source>Not started, %1 files cannot run this chain; first: %2</source>
        <translation>Nicht gestartet, %1 Dateien können diese Kette nicht verarbeiten; zuerst: %2</translation>
    </message>
    <message>
        <source>Fail that file</source>
        <translation>Diese Datei fehlschlagen lassen</translation>
    </message>
    <message>
        <source>Skip it</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Rename the new one</source>
        <translation>Die neue umbenennen</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <source>JSON report (*.json)</source>
        <translation>JSON-Bericht (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1 · kept as it was</source>
        <translation>%1 · unverändert behalten</translation>
    </message>
    <message>
        <source>True peak after, dBTP (before: %1 dBTP)</source>
        <translation>True Peak nachher, dBTP (vorher: %1 dBTP)</translation>
    </message>
</context>
<context>
    <name>fxrack::app::DeviceBar</name>
    <message>
        <source>No audio device (meters only)</source>
        <translation>Kein Audiogerät (nur Anzeigen)</translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>%1 frames</source>
        <translation>%1 Frames</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <source>The audio device stopped (%1). Choose a device and press Start again.</source>
        <translation>Das Audiogerät wurde beendet (%1). Wählen Sie ein Gerät und drücken Sie erneut auf Starten.</translation>
    </message>
    <message>
        <source>Looking for audio devices…</source>
        <translation>Suche nach Audiogeräten…</translation>
    </message>
    <message>
        <source>Built-in demo input</source>
        <translation>Eingebautes Demo-Signal</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No output device found for %1. Choose another API, or &quot;%2&quot; to see the rack on the meters without sound.</source>
        <translation>Kein Ausgabegerät für %1 gefunden. Wählen Sie eine andere API oder „%2“, um das Rack ohne Ton auf den Anzeigen zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) found.</source>
        <translation>
            <numerusform>%n Gerät gefunden.</numerusform>
            <numerusform>%n Geräte gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no output device to start.</source>
        <translation>Es gibt kein Ausgabegerät zum Starten.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Running with the built-in demo input.</source>
        <translation>Läuft mit dem eingebauten Demo-Signal.</translation>
    </message>
    <message>
        <source>Running.</source>
        <translation>Läuft.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Gestoppt.</translation>
    </message>
    <message>
        <source>Buffer: %1 ms · round trip: %2 ms · chain: %3 samples (%4 ms)</source>
        <translation>Puffer: %1 ms · Umlauf: %2 ms · Kette: %3 Samples (%4 ms)</translation>
    </message>
    <message>
        <source>Buffer: %1 ms · round trip: about %2 ms</source>
        <translation>Puffer: %1 ms · Umlauf: etwa %2 ms</translation>
    </message>
    <message>
        <source>The audio device stopped (%1). Reconnecting: attempt %2 in %3 s.</source>
        <translation>Das Audiogerät wurde beendet (%1). Neue Verbindung: Versuch %2 in %3 s.</translation>
    </message>
    <message>
        <source>Reconnected: running again with the same rack.</source>
        <translation>Wieder verbunden: läuft wieder mit demselben Rack.</translation>
    </message>
    <message>
        <source>Reconnect &amp;now</source>
        <translation>Jetzt &amp;neu verbinden</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Requested %1 frames; the device granted %2.</source>
        <translation>Angefordert: %1 Frames; das Gerät gewährt %2.</translation>
    </message>
    <message>
        <source>MIDI in</source>
        <translation>MIDI-Eingang</translation>
    </message>
    <message>
        <source>MIDI activity</source>
        <translation>MIDI-Aktivität</translation>
    </message>
    <message>
        <source>No MIDI input</source>
        <translation>Kein MIDI-Eingang</translation>
    </message>
    <message>
        <source>All MIDI inputs</source>
        <translation>Alle MIDI-Eingänge</translation>
    </message>
    <message>
        <source>Listen to several MIDI inputs</source>
        <translation>Mehrere MIDI-Eingänge hören</translation>
    </message>
    <message>
        <source>No MIDI input port listed (Refresh lists them)</source>
        <translation>Kein MIDI-Eingang aufgelistet (Aktualisieren listet sie)</translation>
    </message>
    <message>
        <source>%1 MIDI inputs</source>
        <translation>%1 MIDI-Eingänge</translation>
    </message>
</context>
<context>
    <name>fxrack::app::EffectCard</name>
    <message>
        <source>loading…</source>
        <translation>wird geladen…</translation>
    </message>
    <message>
        <source>%1; passing audio dry</source>
        <translation>%1; das Signal läuft unbearbeitet durch</translation>
    </message>
    <message>
        <source>No impulse response</source>
        <translation>Keine Impulsantwort</translation>
    </message>
    <message>
        <source>Audio files (*.wav *.flac *.ogg *.oga *.opus *.aiff *.aif *.caf *.w64 *.rf64 *.au *.mp3);;All files (*)</source>
        <translation>Audiodateien (*.wav *.flac *.ogg *.oga *.opus *.aiff *.aif *.caf *.w64 *.rf64 *.au *.mp3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open Impulse Response</source>
        <translation>Impulsantwort öffnen</translation>
    </message>
    <message>
        <source>Factory impulse responses</source>
        <translation>Mitgelieferte Impulsantworten</translation>
    </message>
    <message>
        <source>Open impulse response…</source>
        <translation>Impulsantwort öffnen…</translation>
    </message>
    <message>
        <source>Drag to move (Ctrl: copy)</source>
        <translation>Ziehen zum Verschieben (Strg: kopieren)</translation>
    </message>
    <message>
        <source>Bypass</source>
        <translation>Umgehen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Learn MIDI</source>
        <translation>MIDI lernen</translation>
    </message>
    <message>
        <source>bypass</source>
        <translation>Bypass</translation>
    </message>
    <message>
        <source>Learning MIDI for %1: move a controller (Esc cancels)</source>
        <translation>MIDI lernen für %1: einen Regler bewegen (Esc bricht ab)</translation>
    </message>
    <message>
        <source>Reset to Default</source>
        <translation>Auf Standardwert zurücksetzen</translation>
    </message>
</context>
<context>
    <name>fxrack::app::EffectPalette</name>
    <message>
        <source>Search effects</source>
        <translation>Effekte suchen</translation>
    </message>
</context>
<context>
    <name>fxrack::app::EngineController</name>
    <message>
        <source>%1; the effect passes audio dry until the file is found</source>
        <translation>%1; der Effekt reicht das Signal unbearbeitet durch, bis die Datei gefunden ist</translation>
    </message>
    <message>
        <source>%1 needs the whole signal and works in batch processing only; the live rack passes it by.</source>
        <translation>%1 braucht das ganze Signal und wirkt nur in der Stapelverarbeitung; das Live-Rack umgeht ihn.</translation>
    </message>
    <message>
        <source>The live rack keeps its previous chain: %1</source>
        <translation>Das Live-Rack behält seine bisherige Kette: %1</translation>
    </message>
</context>
<context>
    <name>fxrack::app::Knob</name>
    <message>
        <source>%1
Drag or scroll to turn (Shift: fine), double-click to type, right-click to reset to %2</source>
        <translation>%1
Ziehen oder scrollen zum Drehen (Umschalt: fein), Doppelklick zum Eintippen, Rechtsklick setzt auf %2 zurück</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Wert von %1</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>keine Zahl</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; was refused (%3)</source>
        <translation>%1: „%2“ wurde abgelehnt (%3)</translation>
    </message>
</context>
<context>
    <name>fxrack::app::LevelMeter</name>
    <message>
        <source>%1: RMS bar, peak line and peak hold per channel. A red light means a sample reached 0 dBFS; click to clear.</source>
        <translation>%1: RMS-Balken, Spitzenlinie und gehaltene Spitze je Kanal. Ein rotes Licht bedeutet, dass ein Sample 0 dBFS erreicht hat; Klick zum Löschen.</translation>
    </message>
</context>
<context>
    <name>fxrack::app::MainWindow</name>
    <message>
        <source>Effects</source>
        <translation>Effekte</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>%1 (yours)</source>
        <translation>%1 (eigene)</translation>
    </message>
    <message>
        <source>No rack presets</source>
        <translation>Keine Rack-Voreinstellungen</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>%1[*] — FXRack</source>
        <translation>%1[*] — FXRack</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <source>The session could not be opened:
%1</source>
        <translation>Die Sitzung konnte nicht geöffnet werden:
%1</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>Sitzung speichern</translation>
    </message>
    <message>
        <source>The session could not be saved:
%1</source>
        <translation>Die Sitzung konnte nicht gespeichert werden:
%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>FXRack sessions (*.fxrack)</source>
        <translation>FXRack-Sitzungen (*.fxrack)</translation>
    </message>
    <message>
        <source>FXRack sessions (*.fxrack);;All files (*)</source>
        <translation>FXRack-Sitzungen (*.fxrack);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Batch Running</source>
        <translation>Stapel läuft</translation>
    </message>
    <message>
        <source>A batch is still running. Cancel it and go on?</source>
        <translation>Ein Stapel läuft noch. Abbrechen und fortfahren?</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The session &quot;%1&quot; has changes that are not saved.</source>
        <translation>Die Sitzung „%1“ hat ungespeicherte Änderungen.</translation>
    </message>
    <message>
        <source>Load preset %1</source>
        <translation>Voreinstellung %1 laden</translation>
    </message>
    <message>
        <source>Loaded preset %1</source>
        <translation>Voreinstellung %1 geladen</translation>
    </message>
    <message>
        <source>Load Preset</source>
        <translation>Voreinstellung laden</translation>
    </message>
    <message>
        <source>The preset could not be loaded:
%1</source>
        <translation>Die Voreinstellung konnte nicht geladen werden:
%1</translation>
    </message>
    <message>
        <source>Save Rack Preset</source>
        <translation>Rack-Voreinstellung speichern</translation>
    </message>
    <message>
        <source>Preset name:</source>
        <translation>Name der Voreinstellung:</translation>
    </message>
    <message>
        <source>Saved preset %1</source>
        <translation>Voreinstellung %1 gespeichert</translation>
    </message>
    <message>
        <source>The preset could not be saved:
%1</source>
        <translation>Die Voreinstellung konnte nicht gespeichert werden:
%1</translation>
    </message>
    <message>
        <source>Select an effect card first.</source>
        <translation>Bitte zuerst eine Effektkarte auswählen.</translation>
    </message>
    <message>
        <source>Save Effect Preset</source>
        <translation>Effekt-Voreinstellung speichern</translation>
    </message>
    <message>
        <source>About FXRack</source>
        <translation>Über FXRack</translation>
    </message>
    <message>
        <source>&lt;h3&gt;FXRack %1&lt;/h3&gt;&lt;p&gt;Real-time audio effects and batch audio processing.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;FXRack %1&lt;/h3&gt;&lt;p&gt;Audioeffekte in Echtzeit und Stapelverarbeitung von Audiodateien.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Restored the autosaved rack.</source>
        <translation>Das automatisch gesicherte Rack wurde wiederhergestellt.</translation>
    </message>
    <message>
        <source>The autosaved rack could not be restored: %1</source>
        <translation>Das automatisch gesicherte Rack konnte nicht wiederhergestellt werden: %1</translation>
    </message>
    <message>
        <source>No presets for %1</source>
        <translation>Keine Voreinstellungen für %1</translation>
    </message>
    <message>
        <source>Load E&amp;ffect Preset</source>
        <translation>E&amp;ffekt-Voreinstellung laden</translation>
    </message>
    <message>
        <source>Load preset %1 on %2</source>
        <translation>Voreinstellung %1 auf %2 laden</translation>
    </message>
    <message>
        <source>MIDI learn: move a controller (Esc cancels)</source>
        <translation>MIDI lernen: einen Regler bewegen (Esc bricht ab)</translation>
    </message>
    <message>
        <source>MIDI mapping learned: %1</source>
        <translation>MIDI-Zuordnung gelernt: %1</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Schnappschüsse</translation>
    </message>
    <message>
        <source>Recall %1</source>
        <translation>%1 abrufen</translation>
    </message>
    <message>
        <source>Snapshot %1 is empty: store it first</source>
        <translation>Schnappschuss %1 ist leer: zuerst speichern</translation>
    </message>
    <message>
        <source>Store %1</source>
        <translation>%1 speichern</translation>
    </message>
    <message>
        <source>Learn MIDI</source>
        <translation>MIDI lernen</translation>
    </message>
    <message>
        <source>Snapshots C to H: recall, store, learn MIDI</source>
        <translation>Schnappschüsse C bis H: abrufen, speichern, MIDI lernen</translation>
    </message>
    <message>
        <source>Previous Preset</source>
        <translation>Vorherige Voreinstellung</translation>
    </message>
    <message>
        <source>Next Preset</source>
        <translation>Nächste Voreinstellung</translation>
    </message>
    <message>
        <source>Bypass All</source>
        <translation>Alle umgehen</translation>
    </message>
    <message>
        <source>A/B</source>
        <translation>A/B</translation>
    </message>
    <message>
        <source>Switch between snapshots A and B</source>
        <translation>Zwischen den Schnappschüssen A und B wechseln</translation>
    </message>
    <message>
        <source> s morph</source>
        <translation> s Überblendung</translation>
    </message>
    <message>
        <source>MIDI Mappings...</source>
        <translation>MIDI-Zuordnungen...</translation>
    </message>
</context>
<context>
    <name>fxrack::app::MeterPanel</name>
    <message>
        <source>In</source>
        <translation>Ein</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Buffer under- and overruns since the start. Click to reset.</source>
        <translation>Pufferunter- und -überläufe seit dem Start. Klick zum Zurücksetzen.</translation>
    </message>
    <message>
        <source>Blocks in which the safety stage silenced invalid samples or limited the output</source>
        <translation>Blöcke, in denen die Schutzstufe ungültige Samples stummgeschaltet oder den Ausgang begrenzt hat</translation>
    </message>
    <message>
        <source>DSP load: %1 %</source>
        <translation>DSP-Last: %1 %</translation>
    </message>
    <message>
        <source>Xruns: %1</source>
        <translation>Xruns: %1</translation>
    </message>
    <message>
        <source>Safety: %1</source>
        <translation>Schutz: %1</translation>
    </message>
    <message>
        <source>Convolver late: %1</source>
        <translation>Faltung verspätet: %1</translation>
    </message>
    <message>
        <source>Convolver cycles in which partitions were not ready in time and were left out: the reverb&apos;s tail thinned for a moment. A larger buffer or a shorter impulse response helps.</source>
        <translation>Faltungszyklen, in denen Partitionen nicht rechtzeitig fertig waren und ausgelassen wurden: Die Hallfahne war kurz ausgedünnt. Ein größerer Puffer oder eine kürzere Impulsantwort hilft.</translation>
    </message>
</context>
<context>
    <name>fxrack::app::MidiController</name>
    <message>
        <source>bypass %1</source>
        <translation>Bypass %1</translation>
    </message>
    <message>
        <source>bypass all</source>
        <translation>alles umgehen</translation>
    </message>
    <message>
        <source>snapshot %1</source>
        <translation>Schnappschuss %1</translation>
    </message>
    <message>
        <source>snapshot by program</source>
        <translation>Schnappschuss nach Programm</translation>
    </message>
    <message>
        <source>next preset</source>
        <translation>nächstes Preset</translation>
    </message>
    <message>
        <source>previous preset</source>
        <translation>vorheriges Preset</translation>
    </message>
    <message>
        <source>tap tempo %1</source>
        <translation>Tap-Tempo %1</translation>
    </message>
    <message>
        <source>store snapshot %1</source>
        <translation>Schnappschuss %1 speichern</translation>
    </message>
</context>
<context>
    <name>fxrack::app::MidiMappingDialog</name>
    <message>
        <source>MIDI Mappings</source>
        <translation>MIDI-Zuordnungen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Add Mapping</source>
        <translation>Zuordnung hinzufügen</translation>
    </message>
</context>
<context>
    <name>fxrack::app::MidiMappingModel</name>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Min</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>Curve</source>
        <translation>Kurve</translation>
    </message>
    <message>
        <source>Takeover</source>
        <translation>Übernahme</translation>
    </message>
    <message>
        <source>Remove MIDI Mappings</source>
        <translation>MIDI-Zuordnungen entfernen</translation>
    </message>
    <message>
        <source>The source is empty (e.g. ch1:cc7)</source>
        <translation>Die Quelle ist leer (z. B. ch1:cc7)</translation>
    </message>
    <message>
        <source>The target is empty (e.g. 0.mix)</source>
        <translation>Das Ziel ist leer (z. B. 0.mix)</translation>
    </message>
    <message>
        <source>%1: the range, curve and takeover have their own columns</source>
        <translation>%1: Bereich, Kurve und Übernahme haben eigene Spalten</translation>
    </message>
    <message>
        <source>%1: expected a number (empty: the parameter&apos;s own range)</source>
        <translation>%1: Zahl erwartet (leer: der eigene Bereich des Parameters)</translation>
    </message>
    <message>
        <source>%1: expected a curve: %2</source>
        <translation>%1: Kurve erwartet: %2</translation>
    </message>
    <message>
        <source>%1: expected a takeover: %2</source>
        <translation>%1: Übernahme erwartet: %2</translation>
    </message>
    <message>
        <source>%1: relative encoders send 7-bit control changes (ccN)</source>
        <translation>%1: Endlos-Drehregler senden 7-Bit-Controller (ccN)</translation>
    </message>
    <message>
        <source>%1: expected a number from %2 to %3</source>
        <translation>%1: Zahl von %2 bis %3 erwartet</translation>
    </message>
    <message>
        <source>%1: the port&apos;s name before &apos;@&apos; is empty</source>
        <translation>%1: der Portname vor &apos;@&apos; ist leer</translation>
    </message>
    <message>
        <source>%1: expected a channel and a source, such as ch1:cc7</source>
        <translation>%1: Kanal und Quelle erwartet, z. B. ch1:cc7</translation>
    </message>
    <message>
        <source>%1: expected a channel: ch1 to ch16, or chany</source>
        <translation>%1: Kanal erwartet: ch1 bis ch16 oder chany</translation>
    </message>
    <message>
        <source>%1: expected a source: ccN, ccMSB/LSB, nrpnN, noteN, pc[N] or pb</source>
        <translation>%1: Quelle erwartet: ccN, ccMSB/LSB, nrpnN, noteN, pc[N] oder pb</translation>
    </message>
    <message>
        <source>%1: expected a source and a target, such as ch1:cc7=0.gain</source>
        <translation>%1: Quelle und Ziel erwartet, z. B. ch1:cc7=0.gain</translation>
    </message>
    <message>
        <source>%1: expected a snapshot from A to H (or 1 to 8)</source>
        <translation>%1: Snapshot von A bis H (oder 1 bis 8) erwartet</translation>
    </message>
    <message>
        <source>%1: expected preset:next or preset:prev</source>
        <translation>%1: preset:next oder preset:prev erwartet</translation>
    </message>
    <message>
        <source>%1: expected tap:SLOT, the Delay whose bpm the taps set</source>
        <translation>%1: tap:SLOT erwartet, das Delay, dessen bpm die Taps setzen</translation>
    </message>
    <message>
        <source>%1: expected a parameter name after the &apos;.&apos;</source>
        <translation>%1: Parametername nach dem &apos;.&apos; erwartet</translation>
    </message>
    <message>
        <source>%1: expected a range MIN..MAX</source>
        <translation>%1: Bereich MIN..MAX erwartet</translation>
    </message>
    <message>
        <source>%1: expected a range MIN..MAX, a curve or a takeover</source>
        <translation>%1: Bereich MIN..MAX, Kurve oder Übernahme erwartet</translation>
    </message>
    <message>
        <source>%1: %2 has no such parameter</source>
        <translation>%1: %2 hat keinen solchen Parameter</translation>
    </message>
    <message>
        <source>Slot %1: the rack is empty</source>
        <translation>Slot %1: das Rack ist leer</translation>
    </message>
    <message>
        <source>Slot %1: the rack&apos;s slots go from 0 to %2</source>
        <translation>Slot %1: die Slots des Racks gehen von 0 bis %2</translation>
    </message>
    <message>
        <source>%1: expected a target: SLOT.PARAM, bypass[:SLOT], snapshot[:N], store:N, preset:next, preset:prev or tap:SLOT</source>
        <translation>%1: Ziel erwartet: SLOT.PARAM, bypass[:SLOT], snapshot[:N], store:N, preset:next, preset:prev oder tap:SLOT</translation>
    </message>
    <message>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <source>session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Kept in</source>
        <translation>Gespeichert in</translation>
    </message>
</context>
<context>
    <name>fxrack::app::RackModel</name>
    <message>
        <source>Duplicate effects</source>
        <translation>Effekte duplizieren</translation>
    </message>
    <message>
        <source>Duplicate %1</source>
        <translation>%1 duplizieren</translation>
    </message>
    <message>
        <source>Remove effects</source>
        <translation>Effekte entfernen</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>no parameter %1 in effect %2</source>
        <translation>kein Parameter %1 in Effekt %2</translation>
    </message>
    <message>
        <source>%1 %2: %3 is too high at %4 Hz (Nyquist %5); set to %6</source>
        <translation>%1 %2: %3 ist bei %4 Hz zu hoch (Nyquist %5); auf %6 gesetzt</translation>
    </message>
    <message>
        <source>%1 %2: the engine refused %3 and still runs %4</source>
        <translation>%1 %2: die Engine hat %3 abgelehnt und läuft weiter mit %4</translation>
    </message>
</context>
<context>
    <name>fxrack::app::RackView</name>
    <message>
        <source>The rack is empty.
Drag effects here from the palette, or double-click one.</source>
        <translation>Das Rack ist leer.
Ziehen Sie Effekte aus der Palette hierher oder doppelklicken Sie einen.</translation>
    </message>
</context>
<context>
    <name>fxrack::app::RecoveryBar</name>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>FXRack did not close properly last time. Restore the rack it was saving automatically (%1)?</source>
        <translation>FXRack wurde letztes Mal nicht ordnungsgemäß beendet. Das automatisch gesicherte Rack (%1) wiederherstellen?</translation>
    </message>
</context>
<context>
    <name>fxrack::app::ResponsePlot</name>
    <message>
        <source>Working out: %1</source>
        <translation>Wird berechnet: %1</translation>
    </message>
    <message>
        <source>%1 cannot run at %2 Hz</source>
        <translation>%1 kann bei %2 Hz nicht laufen</translation>
    </message>
    <message>
        <source>%1k</source>
        <translation>%1k</translation>
    </message>
    <message>
        <source>%1 dB</source>
        <translation>%1 dB</translation>
    </message>
    <message>
        <source>Not shown (not linear): %1</source>
        <translation>Nicht gezeigt (nicht linear): %1</translation>
    </message>
</context>
</TS>
