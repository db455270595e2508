// Code tables needed to describe a field the way wgrib2 inventories do (NCEP abbreviations and
// level wording), so names line up with NOMADS .idx files. Entries are "ABBREV|name|units".

type Category = Record<number, string>;

const PARAMS: Record<number, Record<number, Category>> = {
  0: {
    0: {
      0: "TMP|Temperature|K", 1: "VTMP|Virtual temperature|K", 2: "POT|Potential temperature|K",
      3: "EPOT|Pseudo-adiabatic potential temperature|K", 4: "TMAX|Maximum temperature|K",
      5: "TMIN|Minimum temperature|K", 6: "DPT|Dew point temperature|K", 7: "DEPR|Dew point depression|K",
      8: "LAPR|Lapse rate|K/m", 9: "TMPA|Temperature anomaly|K", 10: "LHTFL|Latent heat net flux|W/m^2",
      11: "SHTFL|Sensible heat net flux|W/m^2", 12: "HEATX|Heat index|K", 13: "WCF|Wind chill factor|K",
      14: "MINDPD|Minimum dew point depression|K", 15: "VPTMP|Virtual potential temperature|K",
      16: "SNOHF|Snow phase change heat flux|W/m^2", 17: "SKINT|Skin temperature|K", 18: "SNOT|Snow temperature|K",
      21: "APTMP|Apparent temperature|K",
    },
    1: {
      0: "SPFH|Specific humidity|kg/kg", 1: "RH|Relative humidity|%", 2: "MIXR|Humidity mixing ratio|kg/kg",
      3: "PWAT|Precipitable water|kg/m^2", 4: "VAPP|Vapour pressure|Pa", 5: "SATD|Saturation deficit|Pa",
      6: "EVP|Evaporation|kg/m^2", 7: "PRATE|Precipitation rate|kg/m^2/s", 8: "APCP|Total precipitation|kg/m^2",
      9: "NCPCP|Large-scale precipitation (non-convective)|kg/m^2", 10: "ACPCP|Convective precipitation|kg/m^2",
      11: "SNOD|Snow depth|m", 12: "SRWEQ|Snowfall rate water equivalent|kg/m^2/s",
      13: "WEASD|Water equivalent of accumulated snow depth|kg/m^2", 16: "SNOM|Snow melt|kg/m^2",
      18: "ABSH|Absolute humidity|kg/m^3", 19: "PTYPE|Precipitation type|code table 4.201",
      22: "CLWMR|Cloud mixing ratio|kg/kg", 23: "ICMR|Ice water mixing ratio|kg/kg", 24: "RWMR|Rain mixing ratio|kg/kg",
      25: "SNMR|Snow mixing ratio|kg/kg", 29: "ASNOW|Total snowfall|m", 31: "HAIL|Hail|m", 32: "GRLE|Graupel|kg/kg",
      33: "CRAIN|Categorical rain|0=no 1=yes", 34: "CFRZR|Categorical freezing rain|0=no 1=yes",
      35: "CICEP|Categorical ice pellets|0=no 1=yes", 36: "CSNOW|Categorical snow|0=no 1=yes",
      37: "CPRAT|Convective precipitation rate|kg/m^2/s", 39: "CPOFP|Percent frozen precipitation|%",
      42: "SNOWC|Snow cover|%", 60: "SDWE|Snow depth water equivalent|kg/m^2", 61: "SDEN|Snow density|kg/m^3",
      69: "TCOLW|Total column integrated cloud water|kg/m^2", 70: "TCOLI|Total column integrated cloud ice|kg/m^2",
      74: "TCOLG|Total column integrated graupel|kg/m^2",
      192: "CRAIN|Categorical rain|0=no 1=yes", 193: "CFRZR|Categorical freezing rain|0=no 1=yes",
      194: "CICEP|Categorical ice pellets|0=no 1=yes", 195: "CSNOW|Categorical snow|0=no 1=yes",
      196: "CPRAT|Convective precipitation rate|kg/m^2/s", 198: "MINRH|Minimum relative humidity|%",
      199: "PEVAP|Potential evaporation|kg/m^2", 200: "PEVPR|Potential evaporation rate|W/m^2",
      201: "SNOWC|Snow cover|%", 225: "FRZR|Freezing rain|kg/m^2", 227: "FROZR|Frozen rain|kg/m^2",
    },
    2: {
      0: "WDIR|Wind direction|deg", 1: "WIND|Wind speed|m/s", 2: "UGRD|U-component of wind|m/s",
      3: "VGRD|V-component of wind|m/s", 4: "STRM|Stream function|m^2/s", 5: "VPOT|Velocity potential|m^2/s",
      8: "VVEL|Vertical velocity (pressure)|Pa/s", 9: "DZDT|Vertical velocity (geometric)|m/s",
      10: "ABSV|Absolute vorticity|1/s", 11: "ABSD|Absolute divergence|1/s", 12: "RELV|Relative vorticity|1/s",
      13: "RELD|Relative divergence|1/s", 14: "PVORT|Potential vorticity|K m^2/kg/s",
      15: "VUCSH|Vertical u-component shear|1/s", 16: "VVCSH|Vertical v-component shear|1/s",
      17: "UFLX|Momentum flux, u component|N/m^2", 18: "VFLX|Momentum flux, v component|N/m^2",
      21: "MAXGUST|Maximum wind speed|m/s", 22: "GUST|Wind speed (gust)|m/s", 27: "USTM|U-component storm motion|m/s",
      28: "VSTM|V-component storm motion|m/s", 29: "CD|Drag coefficient|-", 30: "FRICV|Frictional velocity|m/s",
      192: "VWSH|Vertical speed shear|1/s", 194: "USTM|U-component storm motion|m/s",
      195: "VSTM|V-component storm motion|m/s", 196: "CD|Drag coefficient|-", 197: "FRICV|Frictional velocity|m/s",
      220: "MAXUVV|Hourly maximum of upward vertical velocity|m/s",
      221: "MAXDVV|Hourly maximum of downward vertical velocity|m/s",
      222: "MAXUW|U component of hourly maximum 10m wind speed|m/s",
      223: "MAXVW|V component of hourly maximum 10m wind speed|m/s",
    },
    3: {
      0: "PRES|Pressure|Pa", 1: "PRMSL|Pressure reduced to MSL|Pa", 2: "PTEND|Pressure tendency|Pa/s",
      4: "GP|Geopotential|m^2/s^2", 5: "HGT|Geopotential height|gpm", 6: "DIST|Geometric height|m",
      7: "HSTDV|Standard deviation of height|m", 8: "PRESA|Pressure anomaly|Pa", 9: "GPA|Geopotential height anomaly|gpm",
      10: "DEN|Density|kg/m^3", 11: "ALTS|Altimeter setting|Pa", 12: "THICK|Thickness|m",
      18: "HPBL|Planetary boundary layer height|m",
      192: "MSLET|MSLP (Eta model reduction)|Pa", 196: "HPBL|Planetary boundary layer height|m",
      198: "MSLMA|MSLP (MAPS system reduction)|Pa", 200: "PLPL|Pressure of level from which parcel was lifted|Pa",
      205: "LAYTH|Layer thickness|m",
    },
    4: {
      0: "NSWRS|Net short-wave radiation flux (surface)|W/m^2", 1: "NSWRT|Net short-wave radiation flux (top of atmosphere)|W/m^2",
      7: "DSWRF|Downward short-wave radiation flux|W/m^2", 8: "USWRF|Upward short-wave radiation flux|W/m^2",
      192: "DSWRF|Downward short-wave radiation flux|W/m^2", 193: "USWRF|Upward short-wave radiation flux|W/m^2",
      199: "CFNSF|Cloud forcing net solar flux|W/m^2", 200: "VBDSF|Visible beam downward solar flux|W/m^2",
      201: "VDDSF|Visible diffuse downward solar flux|W/m^2",
    },
    5: {
      0: "NLWRS|Net long-wave radiation flux (surface)|W/m^2", 1: "NLWRT|Net long-wave radiation flux (top of atmosphere)|W/m^2",
      3: "DLWRF|Downward long-wave radiation flux|W/m^2", 4: "ULWRF|Upward long-wave radiation flux|W/m^2",
      192: "DLWRF|Downward long-wave radiation flux|W/m^2", 193: "ULWRF|Upward long-wave radiation flux|W/m^2",
    },
    6: {
      0: "CICE|Cloud ice|kg/m^2", 1: "TCDC|Total cloud cover|%", 2: "CDCON|Convective cloud cover|%",
      3: "LCDC|Low cloud cover|%", 4: "MCDC|Medium cloud cover|%", 5: "HCDC|High cloud cover|%",
      6: "CWAT|Cloud water|kg/m^2", 11: "CDCB|Cloud base|m", 12: "CDCTOP|Cloud top|m", 13: "CEIL|Ceiling|m",
      192: "CDLYR|Non-convective cloud cover|%", 196: "TCOLW|Total column-integrated cloud water|kg/m^2",
      197: "TCOLI|Total column-integrated cloud ice|kg/m^2",
    },
    7: {
      0: "PLI|Parcel lifted index (to 500 hPa)|K", 1: "BLI|Best lifted index (to 500 hPa)|K", 2: "KX|K index|K",
      4: "TOTALX|Total totals index|K", 6: "CAPE|Convective available potential energy|J/kg",
      7: "CIN|Convective inhibition|J/kg", 8: "HLCY|Storm relative helicity|m^2/s^2", 10: "LFTX|Surface lifted index|K",
      11: "4LFTX|Best (4 layer) lifted index|K", 12: "RI|Richardson number|-", 15: "UPHL|Updraft helicity|m^2/s^2",
      192: "LFTX|Surface lifted index|K", 193: "4LFTX|Best (4 layer) lifted index|K", 197: "UPHL|Updraft helicity|m^2/s^2",
      199: "MXUPHL|Hourly maximum of updraft helicity|m^2/s^2", 200: "MNUPHL|Hourly minimum of updraft helicity|m^2/s^2",
    },
    14: { 0: "TOZNE|Total ozone|DU", 1: "O3MR|Ozone mixing ratio|kg/kg", 192: "O3MR|Ozone mixing ratio|kg/kg" },
    15: { 1: "BREF|Base reflectivity|dB", 3: "VIL|Vertically-integrated liquid|kg/m^2" },
    16: {
      3: "RETOP|Echo top|m", 4: "REFD|Reflectivity|dB", 5: "REFC|Composite reflectivity|dB",
      195: "REFD|Reflectivity|dB", 196: "REFC|Composite reflectivity|dB", 197: "RETOP|Echo top|m",
      198: "MAXREF|Hourly maximum of simulated reflectivity|dB",
    },
    17: { 192: "LTNG|Lightning|-" },
    19: {
      0: "VIS|Visibility|m", 1: "ALBDO|Albedo|%", 2: "TSTM|Thunderstorm probability|%", 3: "MIXHT|Mixed layer depth|m",
      11: "TKE|Turbulent kinetic energy|J/kg", 20: "ICIP|Icing|%",
    },
  },
  2: {
    0: {
      0: "LAND|Land cover (1=land, 0=sea)|proportion", 1: "SFCR|Surface roughness|m", 2: "TSOIL|Soil temperature|K",
      3: "SOILM|Soil moisture content|kg/m^2", 4: "VEG|Vegetation|%", 5: "WATR|Water runoff|kg/m^2",
      7: "MTERH|Model terrain height|m", 9: "SOILW|Volumetric soil moisture content|proportion",
      10: "GFLUX|Ground heat flux|W/m^2", 11: "MSTAV|Moisture availability|%", 13: "CNWAT|Plant canopy surface water|kg/m^2",
      192: "SOILW|Volumetric soil moisture content|proportion", 193: "GFLUX|Ground heat flux|W/m^2",
      194: "MSTAV|Moisture availability|%", 196: "CNWAT|Plant canopy surface water|kg/m^2",
      198: "VGTYP|Vegetation type|integer 0-13",
    },
    3: { 0: "SOTYP|Soil type|code table 4.213", 194: "SLTYP|Surface slope type|index" },
  },
  10: {
    0: { 3: "HTSGW|Significant height of combined wind waves and swell|m", 4: "WVDIR|Direction of wind waves|deg",
      5: "WVHGT|Significant height of wind waves|m", 6: "WVPER|Mean period of wind waves|s" },
    1: { 2: "UOGRD|U-component of current|m/s", 3: "VOGRD|V-component of current|m/s" },
    2: { 0: "ICEC|Ice cover|proportion", 1: "ICETK|Ice thickness|m" },
    3: { 0: "WTMP|Water temperature|K" },
  },
};

export interface ParameterInfo {
  shortName: string;
  name: string;
  units: string;
}

export function parameterInfo(discipline: number, category: number, number: number): ParameterInfo {
  const entry = PARAMS[discipline]?.[category]?.[number];
  if (entry) {
    const [shortName, name, units] = entry.split("|");
    return { shortName, name, units };
  }
  // Same fallback wgrib2 prints, so unknown fields stay distinguishable.
  const id = `var discipline=${discipline} parmcat=${category} parm=${number}`;
  return { shortName: id, name: id, units: "?" };
}

/** Fixed-surface types (code table 4.5 plus NCEP local 200-254). "%g" is replaced by the value. */
const SURFACES: Record<number, string> = {
  1: "surface", 2: "cloud base", 3: "cloud top", 4: "0C isotherm", 5: "level of adiabatic condensation from sfc",
  6: "max wind", 7: "tropopause", 8: "top of atmosphere", 9: "sea bottom", 10: "entire atmosphere",
  11: "cumulonimbus base", 12: "cumulonimbus top", 14: "level of free convection", 20: "%g K level",
  100: "%g mb", 101: "mean sea level", 102: "%g m above mean sea level", 103: "%g m above ground",
  104: "%g sigma level", 105: "%g hybrid level", 106: "%g m underground", 107: "%g K isentropic level",
  108: "%g mb above ground", 109: "PV=%g (Km^2/kg/s) surface", 111: "%g Eta level", 114: "snow level",
  117: "mixed layer depth", 118: "%g hybrid height level", 160: "%g m below sea level",
  200: "entire atmosphere (considered as a single layer)", 201: "entire ocean (considered as a single layer)",
  204: "highest tropospheric freezing level", 206: "grid scale cloud bottom level", 207: "grid scale cloud top level",
  209: "boundary layer cloud bottom level", 210: "boundary layer cloud top level", 211: "boundary layer cloud layer",
  212: "low cloud bottom level", 213: "low cloud top level", 214: "low cloud layer", 215: "cloud ceiling",
  220: "planetary boundary layer", 222: "middle cloud bottom level", 223: "middle cloud top level",
  224: "middle cloud layer", 232: "high cloud bottom level", 233: "high cloud top level", 234: "high cloud layer",
  242: "convective cloud bottom level", 243: "convective cloud top level", 244: "convective cloud layer",
  245: "lowest level of the wet bulb zero", 246: "maximum equivalent potential temperature level",
  247: "equilibrium level", 248: "shallow convective cloud bottom level", 249: "shallow convective cloud top level",
  251: "deep convective cloud bottom level", 252: "deep convective cloud top level",
};

/** Value as written in descriptions: pressures in mb (hPa) like wgrib2, everything else in its SI unit. */
function displayValue(type: number, value: number | null): string {
  if (value === null) return "?";
  return formatG(type === 100 || type === 108 ? value / 100 : value);
}

/** C's printf("%g"), which wgrib2 uses for level values (e.g. -2e-06, 0.5, 1000). */
export function formatG(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return String(v);
  const [mantissa, exp] = v.toExponential(5).split("e");
  const e = Number(exp);
  if (e >= -4 && e < 6) return String(Number(v.toPrecision(6)));
  return `${mantissa.replace(/\.?0+$/, "")}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

function surfaceText(type: number, value: number | null): string {
  const template = SURFACES[type] ?? `level type ${type}`;
  return template.includes("%g") ? template.replace("%g", displayValue(type, value)) : template;
}

/** wgrib2-style level text, e.g. "surface", "2 m above ground", "500 mb", "0-6000 m above ground". */
export function describeLevel(type1: number, value1: number | null, type2: number, value2: number | null): string {
  if (type1 === 255) return "missing level";
  if (type2 === 255) return surfaceText(type1, value1);
  const t = SURFACES[type1];
  if (type1 === type2 && t?.startsWith("%g ")) {
    const unit = t.slice(3).replace(/ level$/, " layer");
    return `${displayValue(type1, value1)}-${displayValue(type2, value2)} ${unit}`;
  }
  return `${surfaceText(type1, value1)} - ${surfaceText(type2, value2)}`;
}

/** Code table 4.4 (indicator of unit of time range) → hours; NaN for calendar units (month, year…). */
export function timeUnitHours(unit: number): number {
  const hours: Record<number, number> = { 0: 1 / 60, 1: 1, 2: 24, 10: 3, 11: 6, 12: 12, 13: 1 / 3600 };
  return hours[unit] ?? NaN;
}

/** Code table 4.10 (type of statistical processing), in wgrib2's short words. */
export function statisticalProcessName(code: number): string {
  const names: Record<number, string> = {
    0: "ave", 1: "acc", 2: "max", 3: "min", 4: "last-first", 5: "RMS", 6: "StdDev", 7: "covar", 8: "first-last",
    9: "ratio", 10: "standardized anomaly", 11: "summation",
  };
  return names[code] ?? `statistical process ${code}`;
}
