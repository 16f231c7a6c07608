#ifndef HBDECK_CMOSQUITTO_SHIM_H
#define HBDECK_CMOSQUITTO_SHIM_H
#include <mosquitto.h>
#endif
