<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>BatchPanel</name>
    <message>
        <source>Add &amp;Files…</source>
        <translation>Añadir &amp;archivos…</translation>
    </message>
    <message>
        <source>Add F&amp;older…</source>
        <translation>Añadir &amp;carpeta…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Quitar</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>&amp;Vaciar</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Reproducir</translation>
    </message>
    <message>
        <source>Play the selected result</source>
        <translation>Reproducir el resultado seleccionado</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Detener</translation>
    </message>
    <message>
        <source>Stop playing</source>
        <translation>Detener la reproducción</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Progreso</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Drop audio files or folders here.</source>
        <translation>Suelte aquí archivos de audio o carpetas.</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Fol&amp;der</source>
        <translation>&amp;Carpeta</translation>
    </message>
    <message>
        <source>Beside each input</source>
        <translation>Junto a cada entrada</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>Elegir la carpeta de salida</translation>
    </message>
    <message>
        <source>Name &amp;suffix</source>
        <translation>&amp;Sufijo del nombre</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Formato</translation>
    </message>
    <message>
        <source>De&amp;vice</source>
        <translation>&amp;Dispositivo</translation>
    </message>
    <message>
        <source>&amp;Jobs</source>
        <translation>&amp;Trabajos</translation>
    </message>
    <message>
        <source>C&amp;hunk size</source>
        <translation>&amp;Tamaño de bloque</translation>
    </message>
    <message>
        <source>&amp;Tail</source>
        <translation>C&amp;ola</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Chain</source>
        <translation>Ca&amp;dena</translation>
    </message>
    <message>
        <source>LUFS before</source>
        <translation>LUFS antes</translation>
    </message>
    <message>
        <source>LUFS after</source>
        <translation>LUFS después</translation>
    </message>
    <message>
        <source>True peak</source>
        <translation>Pico real</translation>
    </message>
    <message>
        <source>&amp;Open Output Folder</source>
        <translation>&amp;Abrir carpeta de salida</translation>
    </message>
    <message>
        <source>Save &amp;Report…</source>
        <translation>Guardar &amp;informe…</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Nombre</translation>
    </message>
    <message>
        <source>{stem} and the suffix</source>
        <translation>{stem} y el sufijo</translation>
    </message>
    <message>
        <source>The output&apos;s name without extension: {stem}, {dir}, {index}, {date}, {preset}</source>
        <translation>Nombre de la salida sin extensión: {stem}, {dir}, {index}, {date}, {preset}</translation>
    </message>
    <message>
        <source>If it e&amp;xists</source>
        <translation>Si e&amp;xiste</translation>
    </message>
    <message>
        <source>&amp;Quality</source>
        <translation>&amp;Calidad</translation>
    </message>
    <message>
        <source>For Ogg Vorbis, Opus and MP3: 0 the smallest, 1 the best</source>
        <translation>Para Ogg Vorbis, Opus y MP3: 0 el más pequeño, 1 el mejor</translation>
    </message>
    <message>
        <source>Sample &amp;rate</source>
        <translation>F&amp;recuencia de muestreo</translation>
    </message>
    <message>
        <source>Include s&amp;ubfolders (mirrored in the output folder)</source>
        <translation>Incluir s&amp;ubcarpetas (reflejadas en la carpeta de salida)</translation>
    </message>
</context>
<context>
    <name>Category</name>
    <message>
        <source>Drive</source>
        <translation>Saturación</translation>
    </message>
    <message>
        <source>Dynamics</source>
        <translation>Dinámica</translation>
    </message>
    <message>
        <source>Effects</source>
        <translation>Efectos</translation>
    </message>
    <message>
        <source>Equalizers</source>
        <translation>Ecualizadores</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>Filtros</translation>
    </message>
    <message>
        <source>Modulation</source>
        <translation>Modulación</translation>
    </message>
</context>
<context>
    <name>Choice</name>
    <message>
        <source>Amplitude</source>
        <translation>Amplitud</translation>
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
        <translation>Rectangular</translation>
    </message>
    <message>
        <source>Decibels</source>
        <translation>Decibelios</translation>
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
        <translation>Lineal</translation>
    </message>
    <message>
        <source>Loudness (LUFS)</source>
        <translation>Sonoridad (LUFS)</translation>
    </message>
    <message>
        <source>Mono</source>
        <translation>Mono</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Pico</translation>
    </message>
    <message>
        <source>Peak per channel</source>
        <translation>Pico por canal</translation>
    </message>
    <message>
        <source>Percentile</source>
        <translation>Percentil</translation>
    </message>
    <message>
        <source>Ping-pong</source>
        <translation>Ping-pong</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Potencia</translation>
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
        <translation>&amp;Entrada</translation>
    </message>
    <message>
        <source>&amp;Output</source>
        <translation>&amp;Salida</translation>
    </message>
    <message>
        <source>&amp;Rate</source>
        <translation>&amp;Frecuencia</translation>
    </message>
    <message>
        <source>B&amp;uffer</source>
        <translation>&amp;Búfer</translation>
    </message>
    <message>
        <source>In ch.</source>
        <translation>Can. ent.</translation>
    </message>
    <message>
        <source>Out ch.</source>
        <translation>Can. sal.</translation>
    </message>
    <message>
        <source>Look for audio devices again</source>
        <translation>Buscar dispositivos de audio de nuevo</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Detener</translation>
    </message>
    <message>
        <source>Buffer: –</source>
        <translation>Búfer: –</translation>
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
        <translation>&amp;En vivo</translation>
    </message>
    <message>
        <source>&amp;Batch</source>
        <translation>&amp;Lotes</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>&amp;Preajustes</translation>
    </message>
    <message>
        <source>&amp;Load Preset</source>
        <translation>&amp;Cargar preajuste</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nuevo</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Guardar &amp;como…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Remove Effect</source>
        <translation>&amp;Quitar efecto</translation>
    </message>
    <message>
        <source>&amp;Duplicate Effect</source>
        <translation>&amp;Duplicar efecto</translation>
    </message>
    <message>
        <source>Save Rack as &amp;Preset…</source>
        <translation>Guardar rack como &amp;preajuste…</translation>
    </message>
    <message>
        <source>Save &amp;Effect as Preset…</source>
        <translation>Guardar &amp;efecto como preajuste…</translation>
    </message>
    <message>
        <source>&amp;About FXRack</source>
        <translation>&amp;Acerca de FXRack</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>&amp;Vaciar lista</translation>
    </message>
    <message>
        <source>Effect &amp;Palette</source>
        <translation>&amp;Paleta de efectos</translation>
    </message>
    <message>
        <source>Load E&amp;ffect Preset</source>
        <translation>Cargar pre&amp;ajuste de efecto</translation>
    </message>
</context>
<context>
    <name>MidiMappingCommand</name>
    <message>
        <source>Add MIDI Mapping</source>
        <translation>Añadir asignación MIDI</translation>
    </message>
    <message>
        <source>Remove MIDI Mapping</source>
        <translation>Quitar asignación MIDI</translation>
    </message>
    <message>
        <source>Change MIDI Mapping</source>
        <translation>Cambiar asignación MIDI</translation>
    </message>
</context>
<context>
    <name>Parameter</name>
    <message>
        <source>on</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>off</source>
        <translation>no</translation>
    </message>
    <message>
        <source>%1 smp</source>
        <translation>%1 mue.</translation>
    </message>
    <message>
        <source>Attack</source>
        <translation>Ataque</translation>
    </message>
    <message>
        <source>Attenuation</source>
        <translation>Atenuación</translation>
    </message>
    <message>
        <source>Tempo (BPM)</source>
        <translation>Tempo (BPM)</translation>
    </message>
    <message>
        <source>Ceiling</source>
        <translation>Techo</translation>
    </message>
    <message>
        <source>Clamp</source>
        <translation>Limitar</translation>
    </message>
    <message>
        <source>Cutoff</source>
        <translation>Corte</translation>
    </message>
    <message>
        <source>Upper cutoff</source>
        <translation>Corte superior</translation>
    </message>
    <message>
        <source>Damping</source>
        <translation>Amortiguación</translation>
    </message>
    <message>
        <source>Delay (samples)</source>
        <translation>Retardo (muestras)</translation>
    </message>
    <message>
        <source>Note value</source>
        <translation>Valor de nota</translation>
    </message>
    <message>
        <source>Depth</source>
        <translation>Profundidad</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Saturación</translation>
    </message>
    <message>
        <source>Feedback</source>
        <translation>Realimentación</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>Frecuencia</translation>
    </message>
    <message>
        <source>Gain</source>
        <translation>Ganancia</translation>
    </message>
    <message>
        <source>Gain scale</source>
        <translation>Escala de ganancia</translation>
    </message>
    <message>
        <source>Gain type</source>
        <translation>Tipo de ganancia</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Retención</translation>
    </message>
    <message>
        <source>Knee</source>
        <translation>Codo</translation>
    </message>
    <message>
        <source>Look-ahead</source>
        <translation>Anticipación</translation>
    </message>
    <message>
        <source>Loudness target</source>
        <translation>Sonoridad objetivo</translation>
    </message>
    <message>
        <source>Make-up</source>
        <translation>Compensación</translation>
    </message>
    <message>
        <source>Mix</source>
        <translation>Mezcla</translation>
    </message>
    <message>
        <source>Taps</source>
        <translation>Coeficientes</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Orden</translation>
    </message>
    <message>
        <source>Pass DC</source>
        <translation>Dejar pasar CC</translation>
    </message>
    <message>
        <source>Passband ripple</source>
        <translation>Rizado de banda de paso</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Pico</translation>
    </message>
    <message>
        <source>Percentile</source>
        <translation>Percentil</translation>
    </message>
    <message>
        <source>Q</source>
        <translation>Q</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Rango</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Velocidad</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>Relación</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>Liberación</translation>
    </message>
    <message>
        <source>Ripple</source>
        <translation>Rizado</translation>
    </message>
    <message>
        <source>Room size</source>
        <translation>Tamaño de sala</translation>
    </message>
    <message>
        <source>Stopband attenuation</source>
        <translation>Atenuación de banda eliminada</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>Estrategia</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Repeticiones</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Umbral</translation>
    </message>
    <message>
        <source>Tone</source>
        <translation>Tono</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Anchura</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
</context>
<context>
    <name>RackCommands</name>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Quitar %1</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>Mover %1</translation>
    </message>
    <message>
        <source>Bypass %1</source>
        <translation>Omitir %1</translation>
    </message>
    <message>
        <source>Enable %1</source>
        <translation>Activar %1</translation>
    </message>
    <message>
        <source>Set %1 %2 to %3</source>
        <translation>Poner %2 de %1 en %3</translation>
    </message>
    <message>
        <source>Fit the rack to %1 Hz</source>
        <translation>Ajustar el rack a %1 Hz</translation>
    </message>
</context>
<context>
    <name>fxrack::app::BatchPanel</name>
    <message>
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Procesando</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallido</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
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
        <translation>Igual que la entrada</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>GPU CUDA</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automático</translation>
    </message>
    <message>
        <source>%1 frames</source>
        <translation>%1 tramas</translation>
    </message>
    <message>
        <source>Add Audio Files</source>
        <translation>Añadir archivos de audio</translation>
    </message>
    <message>
        <source>Audio files (*.wav *.flac *.ogg *.oga *.aiff *.aif *.aifc *.caf *.w64 *.rf64 *.au *.opus *.mp3);;All files (*)</source>
        <translation>Archivos de audio (*.wav *.flac *.ogg *.oga *.aiff *.aif *.aifc *.caf *.w64 *.rf64 *.au *.opus *.mp3);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Add Folder</source>
        <translation>Añadir carpeta</translation>
    </message>
    <message>
        <source>Output Folder</source>
        <translation>Carpeta de salida</translation>
    </message>
    <message>
        <source>The live rack</source>
        <translation>El rack en vivo</translation>
    </message>
    <message>
        <source>Preset: %1</source>
        <translation>Preajuste: %1</translation>
    </message>
    <message>
        <source>this build of FXRack has no CUDA support</source>
        <translation>esta compilación de FXRack no admite CUDA</translation>
    </message>
    <message>
        <source>Not available: %1</source>
        <translation>No disponible: %1</translation>
    </message>
    <message>
        <source>CUDA GPU (not available)</source>
        <translation>GPU CUDA (no disponible)</translation>
    </message>
    <message>
        <source>CUDA: %1.</source>
        <translation>CUDA: %1.</translation>
    </message>
    <message>
        <source>Add files first.</source>
        <translation>Añada primero archivos.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>quedan %1</translation>
    </message>
    <message>
        <source>%1 · %2× real time</source>
        <translation>%1 · %2× tiempo real</translation>
    </message>
    <message>
        <source>%1 done, %2 failed in %3</source>
        <translation>%1 hechos, %2 fallidos en %3</translation>
    </message>
    <message>
        <source>Cannot play: %1</source>
        <translation>No se puede reproducir: %1</translation>
    </message>
    <message>
        <source>Playing the result: %1</source>
        <translation>Reproduciendo el resultado: %1</translation>
    </message>
    <message>
        <source>Playing the input: %1</source>
        <translation>Reproduciendo la entrada: %1</translation>
    </message>
    <message>
        <source>CUDA GPU (%1)</source>
        <translation>GPU CUDA (%1)</translation>
    </message>
    <message>
        <source>%1 at %2 Hz: %3</source>
        <translation>%1 a %2 Hz: %3</translation>
    </message>
    <message>
        <source>Not started: %1</source>
        <translation>No iniciado: %1</translation>
    </message>
    <message>
        <source>Not started, %1 files cannot run this chain; first: %2</source>
        <translation>No iniciado, %1 archivos no pueden procesar esta cadena; el primero: %2</translation>
    </message>
    <message>
        <source>Fail that file</source>
        <translation>Hacer fallar ese archivo</translation>
    </message>
    <message>
        <source>Skip it</source>
        <translation>Omitirlo</translation>
    </message>
    <message>
        <source>Rename the new one</source>
        <translation>Renombrar el nuevo</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Sobrescribir</translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Predeterminada</translation>
    </message>
    <message>
        <source>Save Report</source>
        <translation>Guardar informe</translation>
    </message>
    <message>
        <source>JSON report (*.json)</source>
        <translation>Informe JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>No se puede escribir %1</translation>
    </message>
    <message>
        <source>%1 · kept as it was</source>
        <translation>%1 · se conserva como estaba</translation>
    </message>
    <message>
        <source>True peak after, dBTP (before: %1 dBTP)</source>
        <translation>Pico real después, dBTP (antes: %1 dBTP)</translation>
    </message>
</context>
<context>
    <name>fxrack::app::DeviceBar</name>
    <message>
        <source>No audio device (meters only)</source>
        <translation>Sin dispositivo de audio (solo medidores)</translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>%1 frames</source>
        <translation>%1 tramas</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>No se pudo iniciar: %1</translation>
    </message>
    <message>
        <source>The audio device stopped (%1). Choose a device and press Start again.</source>
        <translation>El dispositivo de audio se detuvo (%1). Elija un dispositivo y pulse Iniciar de nuevo.</translation>
    </message>
    <message>
        <source>Looking for audio devices…</source>
        <translation>Buscando dispositivos de audio…</translation>
    </message>
    <message>
        <source>Built-in demo input</source>
        <translation>Entrada de demostración integrada</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No output device found for %1. Choose another API, or &quot;%2&quot; to see the rack on the meters without sound.</source>
        <translation>No se encontró ningún dispositivo de salida para %1. Elija otra API, o «%2» para ver el rack en los medidores sin sonido.</translation>
    </message>
    <message numerus="yes">
        <source>%n device(s) found.</source>
        <translation>
            <numerusform>%n dispositivo encontrado.</numerusform>
            <numerusform>%n dispositivos encontrados.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no output device to start.</source>
        <translation>No hay ningún dispositivo de salida que iniciar.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Running with the built-in demo input.</source>
        <translation>En marcha con la entrada de demostración integrada.</translation>
    </message>
    <message>
        <source>Running.</source>
        <translation>En marcha.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Detenido.</translation>
    </message>
    <message>
        <source>Buffer: %1 ms · round trip: %2 ms · chain: %3 samples (%4 ms)</source>
        <translation>Búfer: %1 ms · ida y vuelta: %2 ms · cadena: %3 muestras (%4 ms)</translation>
    </message>
    <message>
        <source>Buffer: %1 ms · round trip: about %2 ms</source>
        <translation>Búfer: %1 ms · ida y vuelta: unos %2 ms</translation>
    </message>
    <message>
        <source>The audio device stopped (%1). Reconnecting: attempt %2 in %3 s.</source>
        <translation>El dispositivo de audio se detuvo (%1). Reconectando: intento %2 en %3 s.</translation>
    </message>
    <message>
        <source>Reconnected: running again with the same rack.</source>
        <translation>Reconectado: funciona de nuevo con el mismo rack.</translation>
    </message>
    <message>
        <source>Reconnect &amp;now</source>
        <translation>Reco&amp;nectar ahora</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Iniciar</translation>
    </message>
    <message>
        <source>Requested %1 frames; the device granted %2.</source>
        <translation>Solicitadas %1 tramas; el dispositivo concedió %2.</translation>
    </message>
    <message>
        <source>MIDI in</source>
        <translation>Entrada MIDI</translation>
    </message>
    <message>
        <source>MIDI activity</source>
        <translation>Actividad MIDI</translation>
    </message>
    <message>
        <source>No MIDI input</source>
        <translation>Sin entrada MIDI</translation>
    </message>
    <message>
        <source>All MIDI inputs</source>
        <translation>Todas las entradas MIDI</translation>
    </message>
    <message>
        <source>Listen to several MIDI inputs</source>
        <translation>Escuchar varias entradas MIDI</translation>
    </message>
    <message>
        <source>No MIDI input port listed (Refresh lists them)</source>
        <translation>Ninguna entrada MIDI listada (Actualizar las lista)</translation>
    </message>
    <message>
        <source>%1 MIDI inputs</source>
        <translation>%1 entradas MIDI</translation>
    </message>
</context>
<context>
    <name>fxrack::app::EffectCard</name>
    <message>
        <source>loading…</source>
        <translation>cargando…</translation>
    </message>
    <message>
        <source>%1; passing audio dry</source>
        <translation>%1; el audio pasa sin procesar</translation>
    </message>
    <message>
        <source>No impulse response</source>
        <translation>Sin respuesta al impulso</translation>
    </message>
    <message>
        <source>Audio files (*.wav *.flac *.ogg *.oga *.opus *.aiff *.aif *.caf *.w64 *.rf64 *.au *.mp3);;All files (*)</source>
        <translation>Archivos de audio (*.wav *.flac *.ogg *.oga *.opus *.aiff *.aif *.caf *.w64 *.rf64 *.au *.mp3);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Open Impulse Response</source>
        <translation>Abrir respuesta al impulso</translation>
    </message>
    <message>
        <source>Factory impulse responses</source>
        <translation>Respuestas al impulso de fábrica</translation>
    </message>
    <message>
        <source>Open impulse response…</source>
        <translation>Abrir respuesta al impulso…</translation>
    </message>
    <message>
        <source>Drag to move (Ctrl: copy)</source>
        <translation>Arrastre para mover (Ctrl: copiar)</translation>
    </message>
    <message>
        <source>Bypass</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Learn MIDI</source>
        <translation>Aprender MIDI</translation>
    </message>
    <message>
        <source>bypass</source>
        <translation>bypass</translation>
    </message>
    <message>
        <source>Learning MIDI for %1: move a controller (Esc cancels)</source>
        <translation>Aprendiendo MIDI para %1: mueva un controlador (Esc cancela)</translation>
    </message>
    <message>
        <source>Reset to Default</source>
        <translation>Restablecer el valor predeterminado</translation>
    </message>
</context>
<context>
    <name>fxrack::app::EffectPalette</name>
    <message>
        <source>Search effects</source>
        <translation>Buscar efectos</translation>
    </message>
</context>
<context>
    <name>fxrack::app::EngineController</name>
    <message>
        <source>%1; the effect passes audio dry until the file is found</source>
        <translation>%1; el efecto deja pasar el audio sin procesar hasta que se encuentre el archivo</translation>
    </message>
    <message>
        <source>%1 needs the whole signal and works in batch processing only; the live rack passes it by.</source>
        <translation>%1 necesita la señal completa y solo funciona en el procesamiento por lotes; el rack en vivo lo omite.</translation>
    </message>
    <message>
        <source>The live rack keeps its previous chain: %1</source>
        <translation>El rack en vivo mantiene su cadena anterior: %1</translation>
    </message>
</context>
<context>
    <name>fxrack::app::Knob</name>
    <message>
        <source>%1
Drag or scroll to turn (Shift: fine), double-click to type, right-click to reset to %2</source>
        <translation>%1
Arrastre o use la rueda para girar (Mayús: fino), doble clic para escribir, clic derecho para volver a %2</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Valor de %1</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>no es un número</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; was refused (%3)</source>
        <translation>%1: «%2» fue rechazado (%3)</translation>
    </message>
</context>
<context>
    <name>fxrack::app::LevelMeter</name>
    <message>
        <source>%1: RMS bar, peak line and peak hold per channel. A red light means a sample reached 0 dBFS; click to clear.</source>
        <translation>%1: barra RMS, línea de pico y pico retenido por canal. Una luz roja indica que una muestra llegó a 0 dBFS; haga clic para borrarla.</translation>
    </message>
</context>
<context>
    <name>fxrack::app::MainWindow</name>
    <message>
        <source>Effects</source>
        <translation>Efectos</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Deshacer</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rehacer</translation>
    </message>
    <message>
        <source>System Language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>%1 (yours)</source>
        <translation>%1 (suyo)</translation>
    </message>
    <message>
        <source>No rack presets</source>
        <translation>No hay preajustes de rack</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Sin título</translation>
    </message>
    <message>
        <source>%1[*] — FXRack</source>
        <translation>%1[*] — FXRack</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>Abrir sesión</translation>
    </message>
    <message>
        <source>The session could not be opened:
%1</source>
        <translation>No se pudo abrir la sesión:
%1</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>Guardar sesión</translation>
    </message>
    <message>
        <source>The session could not be saved:
%1</source>
        <translation>No se pudo guardar la sesión:
%1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 guardado</translation>
    </message>
    <message>
        <source>FXRack sessions (*.fxrack)</source>
        <translation>Sesiones de FXRack (*.fxrack)</translation>
    </message>
    <message>
        <source>FXRack sessions (*.fxrack);;All files (*)</source>
        <translation>Sesiones de FXRack (*.fxrack);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Batch Running</source>
        <translation>Lote en curso</translation>
    </message>
    <message>
        <source>A batch is still running. Cancel it and go on?</source>
        <translation>Todavía hay un lote en curso. ¿Cancelarlo y continuar?</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Cambios sin guardar</translation>
    </message>
    <message>
        <source>The session &quot;%1&quot; has changes that are not saved.</source>
        <translation>La sesión «%1» tiene cambios sin guardar.</translation>
    </message>
    <message>
        <source>Load preset %1</source>
        <translation>Cargar preajuste %1</translation>
    </message>
    <message>
        <source>Loaded preset %1</source>
        <translation>Preajuste %1 cargado</translation>
    </message>
    <message>
        <source>Load Preset</source>
        <translation>Cargar preajuste</translation>
    </message>
    <message>
        <source>The preset could not be loaded:
%1</source>
        <translation>No se pudo cargar el preajuste:
%1</translation>
    </message>
    <message>
        <source>Save Rack Preset</source>
        <translation>Guardar preajuste de rack</translation>
    </message>
    <message>
        <source>Preset name:</source>
        <translation>Nombre del preajuste:</translation>
    </message>
    <message>
        <source>Saved preset %1</source>
        <translation>Preajuste %1 guardado</translation>
    </message>
    <message>
        <source>The preset could not be saved:
%1</source>
        <translation>No se pudo guardar el preajuste:
%1</translation>
    </message>
    <message>
        <source>Select an effect card first.</source>
        <translation>Seleccione primero una tarjeta de efecto.</translation>
    </message>
    <message>
        <source>Save Effect Preset</source>
        <translation>Guardar preajuste de efecto</translation>
    </message>
    <message>
        <source>About FXRack</source>
        <translation>Acerca de FXRack</translation>
    </message>
    <message>
        <source>&lt;h3&gt;FXRack %1&lt;/h3&gt;&lt;p&gt;Real-time audio effects and batch audio processing.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;FXRack %1&lt;/h3&gt;&lt;p&gt;Efectos de audio en tiempo real y procesamiento de audio por lotes.&lt;/p&gt;&lt;p&gt;Compilado con Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Restored the autosaved rack.</source>
        <translation>Se restauró el rack guardado automáticamente.</translation>
    </message>
    <message>
        <source>The autosaved rack could not be restored: %1</source>
        <translation>No se pudo restaurar el rack guardado automáticamente: %1</translation>
    </message>
    <message>
        <source>No presets for %1</source>
        <translation>No hay preajustes para %1</translation>
    </message>
    <message>
        <source>Load E&amp;ffect Preset</source>
        <translation>Cargar pre&amp;ajuste de efecto</translation>
    </message>
    <message>
        <source>Load preset %1 on %2</source>
        <translation>Cargar el preajuste %1 en %2</translation>
    </message>
    <message>
        <source>MIDI learn: move a controller (Esc cancels)</source>
        <translation>Aprender MIDI: mueva un controlador (Esc cancela)</translation>
    </message>
    <message>
        <source>MIDI mapping learned: %1</source>
        <translation>Asignación MIDI aprendida: %1</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Instantáneas</translation>
    </message>
    <message>
        <source>Recall %1</source>
        <translation>Recuperar %1</translation>
    </message>
    <message>
        <source>Snapshot %1 is empty: store it first</source>
        <translation>La instantánea %1 está vacía: guárdela primero</translation>
    </message>
    <message>
        <source>Store %1</source>
        <translation>Guardar %1</translation>
    </message>
    <message>
        <source>Learn MIDI</source>
        <translation>Aprender MIDI</translation>
    </message>
    <message>
        <source>Snapshots C to H: recall, store, learn MIDI</source>
        <translation>Instantáneas C a H: recuperar, guardar, aprender MIDI</translation>
    </message>
    <message>
        <source>Previous Preset</source>
        <translation>Preajuste anterior</translation>
    </message>
    <message>
        <source>Next Preset</source>
        <translation>Preajuste siguiente</translation>
    </message>
    <message>
        <source>Bypass All</source>
        <translation>Omitir todo</translation>
    </message>
    <message>
        <source>A/B</source>
        <translation>A/B</translation>
    </message>
    <message>
        <source>Switch between snapshots A and B</source>
        <translation>Alternar entre las instantáneas A y B</translation>
    </message>
    <message>
        <source> s morph</source>
        <translation> s de transición</translation>
    </message>
    <message>
        <source>MIDI Mappings...</source>
        <translation>Asignaciones MIDI...</translation>
    </message>
</context>
<context>
    <name>fxrack::app::MeterPanel</name>
    <message>
        <source>In</source>
        <translation>Ent.</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Sal.</translation>
    </message>
    <message>
        <source>Buffer under- and overruns since the start. Click to reset.</source>
        <translation>Subdesbordamientos y desbordamientos del búfer desde el inicio. Haga clic para reiniciar.</translation>
    </message>
    <message>
        <source>Blocks in which the safety stage silenced invalid samples or limited the output</source>
        <translation>Bloques en los que la etapa de seguridad silenció muestras no válidas o limitó la salida</translation>
    </message>
    <message>
        <source>DSP load: %1 %</source>
        <translation>Carga DSP: %1 %</translation>
    </message>
    <message>
        <source>Xruns: %1</source>
        <translation>Xruns: %1</translation>
    </message>
    <message>
        <source>Safety: %1</source>
        <translation>Seguridad: %1</translation>
    </message>
    <message>
        <source>Convolver late: %1</source>
        <translation>Convolucionador tarde: %1</translation>
    </message>
    <message>
        <source>Convolver cycles in which partitions were not ready in time and were left out: the reverb&apos;s tail thinned for a moment. A larger buffer or a shorter impulse response helps.</source>
        <translation>Ciclos del convolucionador en los que algunas particiones no estuvieron listas a tiempo y se omitieron: la cola de la reverberación se adelgazó un momento. Ayuda un búfer mayor o una respuesta al impulso más corta.</translation>
    </message>
</context>
<context>
    <name>fxrack::app::MidiController</name>
    <message>
        <source>bypass %1</source>
        <translation>bypass %1</translation>
    </message>
    <message>
        <source>bypass all</source>
        <translation>bypass de todo</translation>
    </message>
    <message>
        <source>snapshot %1</source>
        <translation>instantánea %1</translation>
    </message>
    <message>
        <source>snapshot by program</source>
        <translation>instantánea según programa</translation>
    </message>
    <message>
        <source>next preset</source>
        <translation>preajuste siguiente</translation>
    </message>
    <message>
        <source>previous preset</source>
        <translation>preajuste anterior</translation>
    </message>
    <message>
        <source>tap tempo %1</source>
        <translation>tempo por pulsación %1</translation>
    </message>
    <message>
        <source>store snapshot %1</source>
        <translation>guardar instantánea %1</translation>
    </message>
</context>
<context>
    <name>fxrack::app::MidiMappingDialog</name>
    <message>
        <source>MIDI Mappings</source>
        <translation>Asignaciones MIDI</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Add Mapping</source>
        <translation>Añadir asignación</translation>
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
        <translation>Origen</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>Mín</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>Máx</translation>
    </message>
    <message>
        <source>Curve</source>
        <translation>Curva</translation>
    </message>
    <message>
        <source>Takeover</source>
        <translation>Toma de control</translation>
    </message>
    <message>
        <source>Remove MIDI Mappings</source>
        <translation>Quitar asignaciones MIDI</translation>
    </message>
    <message>
        <source>The source is empty (e.g. ch1:cc7)</source>
        <translation>El origen está vacío (p. ej. ch1:cc7)</translation>
    </message>
    <message>
        <source>The target is empty (e.g. 0.mix)</source>
        <translation>El destino está vacío (p. ej. 0.mix)</translation>
    </message>
    <message>
        <source>%1: the range, curve and takeover have their own columns</source>
        <translation>%1: el rango, la curva y la toma de control tienen sus propias columnas</translation>
    </message>
    <message>
        <source>%1: expected a number (empty: the parameter&apos;s own range)</source>
        <translation>%1: se esperaba un número (vacío: el rango propio del parámetro)</translation>
    </message>
    <message>
        <source>%1: expected a curve: %2</source>
        <translation>%1: se esperaba una curva: %2</translation>
    </message>
    <message>
        <source>%1: expected a takeover: %2</source>
        <translation>%1: se esperaba una toma de control: %2</translation>
    </message>
    <message>
        <source>%1: relative encoders send 7-bit control changes (ccN)</source>
        <translation>%1: los codificadores relativos envían controles de 7 bits (ccN)</translation>
    </message>
    <message>
        <source>%1: expected a number from %2 to %3</source>
        <translation>%1: se esperaba un número de %2 a %3</translation>
    </message>
    <message>
        <source>%1: the port&apos;s name before &apos;@&apos; is empty</source>
        <translation>%1: el nombre del puerto antes de &apos;@&apos; está vacío</translation>
    </message>
    <message>
        <source>%1: expected a channel and a source, such as ch1:cc7</source>
        <translation>%1: se esperaba un canal y un origen, p. ej. ch1:cc7</translation>
    </message>
    <message>
        <source>%1: expected a channel: ch1 to ch16, or chany</source>
        <translation>%1: se esperaba un canal: de ch1 a ch16, o chany</translation>
    </message>
    <message>
        <source>%1: expected a source: ccN, ccMSB/LSB, nrpnN, noteN, pc[N] or pb</source>
        <translation>%1: se esperaba un origen: ccN, ccMSB/LSB, nrpnN, noteN, pc[N] o pb</translation>
    </message>
    <message>
        <source>%1: expected a source and a target, such as ch1:cc7=0.gain</source>
        <translation>%1: se esperaba un origen y un destino, p. ej. ch1:cc7=0.gain</translation>
    </message>
    <message>
        <source>%1: expected a snapshot from A to H (or 1 to 8)</source>
        <translation>%1: se esperaba una instantánea de A a H (o de 1 a 8)</translation>
    </message>
    <message>
        <source>%1: expected preset:next or preset:prev</source>
        <translation>%1: se esperaba preset:next o preset:prev</translation>
    </message>
    <message>
        <source>%1: expected tap:SLOT, the Delay whose bpm the taps set</source>
        <translation>%1: se esperaba tap:SLOT, el Delay cuyos bpm marcan los golpes</translation>
    </message>
    <message>
        <source>%1: expected a parameter name after the &apos;.&apos;</source>
        <translation>%1: se esperaba un nombre de parámetro tras el &apos;.&apos;</translation>
    </message>
    <message>
        <source>%1: expected a range MIN..MAX</source>
        <translation>%1: se esperaba un rango MIN..MAX</translation>
    </message>
    <message>
        <source>%1: expected a range MIN..MAX, a curve or a takeover</source>
        <translation>%1: se esperaba un rango MIN..MAX, una curva o una toma de control</translation>
    </message>
    <message>
        <source>%1: %2 has no such parameter</source>
        <translation>%1: %2 no tiene ese parámetro</translation>
    </message>
    <message>
        <source>Slot %1: the rack is empty</source>
        <translation>Ranura %1: el rack está vacío</translation>
    </message>
    <message>
        <source>Slot %1: the rack&apos;s slots go from 0 to %2</source>
        <translation>Ranura %1: las ranuras del rack van de 0 a %2</translation>
    </message>
    <message>
        <source>%1: expected a target: SLOT.PARAM, bypass[:SLOT], snapshot[:N], store:N, preset:next, preset:prev or tap:SLOT</source>
        <translation>%1: se esperaba un destino: SLOT.PARAM, bypass[:SLOT], snapshot[:N], store:N, preset:next, preset:prev o tap:SLOT</translation>
    </message>
    <message>
        <source>global</source>
        <translation>global</translation>
    </message>
    <message>
        <source>session</source>
        <translation>sesión</translation>
    </message>
    <message>
        <source>Kept in</source>
        <translation>Guardado en</translation>
    </message>
</context>
<context>
    <name>fxrack::app::RackModel</name>
    <message>
        <source>Duplicate effects</source>
        <translation>Duplicar efectos</translation>
    </message>
    <message>
        <source>Duplicate %1</source>
        <translation>Duplicar %1</translation>
    </message>
    <message>
        <source>Remove effects</source>
        <translation>Quitar efectos</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>Añadir %1</translation>
    </message>
    <message>
        <source>no parameter %1 in effect %2</source>
        <translation>no hay parámetro %1 en el efecto %2</translation>
    </message>
    <message>
        <source>%1 %2: %3 is too high at %4 Hz (Nyquist %5); set to %6</source>
        <translation>%1 %2: %3 es demasiado alto a %4 Hz (Nyquist %5); ajustado a %6</translation>
    </message>
    <message>
        <source>%1 %2: the engine refused %3 and still runs %4</source>
        <translation>%1 %2: el motor rechazó %3 y sigue con %4</translation>
    </message>
</context>
<context>
    <name>fxrack::app::RackView</name>
    <message>
        <source>The rack is empty.
Drag effects here from the palette, or double-click one.</source>
        <translation>El rack está vacío.
Arrastre efectos aquí desde la paleta o haga doble clic en uno.</translation>
    </message>
</context>
<context>
    <name>fxrack::app::RecoveryBar</name>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurar</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Descartar</translation>
    </message>
    <message>
        <source>FXRack did not close properly last time. Restore the rack it was saving automatically (%1)?</source>
        <translation>FXRack no se cerró correctamente la última vez. ¿Restaurar el rack que guardaba automáticamente (%1)?</translation>
    </message>
</context>
<context>
    <name>fxrack::app::ResponsePlot</name>
    <message>
        <source>Working out: %1</source>
        <translation>Calculando: %1</translation>
    </message>
    <message>
        <source>%1 cannot run at %2 Hz</source>
        <translation>%1 no puede funcionar a %2 Hz</translation>
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
        <translation>No se muestra (no lineal): %1</translation>
    </message>
</context>
</TS>
